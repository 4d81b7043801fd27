import { DEFAULT_PIPELINE_TEMPLATE } from "@domain/deals/default-pipeline";
import type { Db, DbOrTx } from "@server/db/client";
import { users } from "@server/db/schema";
import { asc, eq } from "drizzle-orm";
import * as repo from "./pipeline.repository";

/**
 * Creates the default pipeline of PRODUCT.md in `locale` unless a pipeline exists. Takes the
 * pipelines' advisory lock, so two processes starting at once create exactly one.
 */
export async function createDefaultPipeline(tx: DbOrTx, locale: "de" | "en"): Promise<void> {
  await repo.lockPipelines(tx);
  if ((await repo.countPipelines(tx)) > 0) return;
  const template = DEFAULT_PIPELINE_TEMPLATE[locale];
  const pipeline = await repo.insertPipeline(tx, { name: template.name, isDefault: true, position: 0 });
  await repo.insertStages(
    tx,
    template.stages.map((s, position) => ({ ...s, pipelineId: pipeline.id, position })),
  );
}

/**
 * At every start: a database that has users but no pipeline (set up before pipelines existed) gets
 * the default one, in the language of its first admin. Idempotent.
 */
export async function ensureDefaultPipeline(db: Db): Promise<void> {
  if ((await repo.countPipelines(db)) > 0) return;
  const [admin] = await db
    .select({ locale: users.locale })
    .from(users)
    .where(eq(users.role, "admin"))
    .orderBy(asc(users.createdAt))
    .limit(1);
  const [anyone] = admin ? [admin] : await db.select({ locale: users.locale }).from(users).limit(1);
  if (!anyone) return;
  const locale = anyone.locale === "de" ? "de" : "en";
  await db.transaction((tx) => createDefaultPipeline(tx, locale));
}
