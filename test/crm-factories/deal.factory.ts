import { POSITION_STEP } from "@domain/deals/position";
import type { DbOrTx } from "@server/db/client";
import { dealContacts, dealStageHistory, deals, pipelines, stages } from "@server/db/schema";
import { and, eq, isNull, max } from "drizzle-orm";
import { type CompanyRow, fakeCompanyIdentity } from "./company.factory";
import type { ContactRow } from "./contact.factory";
import { fakeAmount, fakeInterest } from "./lead.factory";
import { type Ownership, one, resolveOwnership } from "./ownership";
import { languageOf, pickCountry } from "./places";

export type PipelineRow = typeof pipelines.$inferSelect;
export type StageRow = typeof stages.$inferSelect;
export type DealRow = typeof deals.$inferSelect;
export type NewDeal = typeof deals.$inferInsert;

export interface StageSpec {
  name: string;
  probability: number;
  rottingDays: number | null;
}
/** The default pipeline of PRODUCT.md; won and lost are outcomes, not columns. */
export const DEFAULT_PIPELINE: { name: string; stages: readonly StageSpec[] } = {
  name: "Vertrieb",
  stages: [
    { name: "Qualifiziert", probability: 10, rottingDays: 14 },
    { name: "Bedarfsanalyse", probability: 25, rottingDays: 14 },
    { name: "Angebot versendet", probability: 50, rottingDays: 10 },
    { name: "Verhandlung", probability: 75, rottingDays: 7 },
  ],
};

export function dealValues(overrides: Partial<NewDeal> & Pick<NewDeal, "pipelineId" | "stageId">): NewDeal {
  const country = pickCountry();
  return {
    title: `${fakeCompanyIdentity(country).name} – ${fakeInterest(languageOf(country))}`,
    amount: fakeAmount(3_000, 250_000),
    currency: "EUR",
    status: "open",
    ...overrides,
  };
}

export async function buildPipeline(
  db: DbOrTx,
  overrides: { name?: string; isDefault?: boolean; position?: number; stages?: readonly StageSpec[] } = {},
): Promise<{ pipeline: PipelineRow; stages: StageRow[] }> {
  const pipeline = await one(
    db
      .insert(pipelines)
      .values({
        name: overrides.name ?? DEFAULT_PIPELINE.name,
        isDefault: overrides.isDefault ?? false,
        position: overrides.position ?? 0,
      })
      .returning(),
  );
  const specs = overrides.stages ?? DEFAULT_PIPELINE.stages;
  const rows = await db
    .insert(stages)
    .values(specs.map((spec, position) => ({ ...spec, pipelineId: pipeline.id, position })))
    .returning();
  return { pipeline, stages: rows.sort((a, b) => a.position - b.position) };
}

/**
 * A deal in `stage` (default: the first stage of a new default pipeline) at the end of its column,
 * with `contacts` linked (the first one primary) and the stage-history row of its current stage.
 */
export async function buildDeal(
  db: DbOrTx,
  overrides: Partial<NewDeal> &
    Ownership & { stage?: StageRow; company?: CompanyRow | null; contacts?: readonly ContactRow[] } = {},
): Promise<DealRow> {
  const { team, owner, stage: givenStage, company, contacts: linked = [], ...values } = overrides;
  const stage = givenStage ?? (await buildPipeline(db)).stages[0];
  if (!stage) throw new Error("the pipeline has no stages");
  const ownership = await resolveOwnership(db, { ...values, team, owner, parentTeamId: company?.teamId });
  // At the end of its column unless told otherwise, so factory-built boards have a distinct order.
  const [last] = await db
    .select({ position: max(deals.position) })
    .from(deals)
    .where(and(eq(deals.stageId, stage.id), eq(deals.status, "open"), isNull(deals.deletedAt)));
  const position = (last?.position ?? 0) + POSITION_STEP;
  const deal = await one(
    db
      .insert(deals)
      .values(
        dealValues({
          pipelineId: stage.pipelineId,
          stageId: stage.id,
          position,
          ...(company && { companyId: company.id, title: `${company.name} – ${fakeInterest("de")}` }),
          ...values,
          ...ownership,
        }),
      )
      .returning(),
  );
  if (linked.length > 0) {
    await db
      .insert(dealContacts)
      .values(linked.map((c, i) => ({ dealId: deal.id, contactId: c.id, isPrimary: i === 0 })));
  }
  await db.insert(dealStageHistory).values({
    dealId: deal.id,
    stageId: deal.stageId,
    enteredAt: deal.stageEnteredAt,
    movedBy: deal.ownerId,
  });
  return deal;
}
