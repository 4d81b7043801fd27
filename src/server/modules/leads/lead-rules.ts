import type { Bant } from "@domain/leads/bant";
import { isBantQualified } from "@domain/leads/bant";
import type { LeadSource } from "@domain/leads/lead-source";
import type { LifecycleStage } from "@domain/leads/lifecycle";
import { computeScore, type ScoreRule } from "@domain/leads/score";
import type { DbOrTx } from "@server/db/client";
import { roundRobinState, users } from "@server/db/schema";
import { and, asc, eq } from "drizzle-orm";
import type { LeadRow, NewLeadRow } from "./lead.repository";

/** Score fields of a lead after a change, computed from the merged row. */
export function scoreOf(
  row: Pick<
    LeadRow,
    | "source"
    | "bant"
    | "lifecycleStage"
    | "email"
    | "phone"
    | "companyName"
    | "jobTitle"
    | "website"
    | "interest"
    | "estimatedValue"
    | "lastActivityAt"
  >,
  rules: ScoreRule[],
) {
  const { score, reasons } = computeScore(
    {
      source: row.source as LeadSource,
      bant: row.bant as Bant,
      lifecycleStage: row.lifecycleStage as LifecycleStage,
      present: {
        email: Boolean(row.email),
        phone: Boolean(row.phone),
        companyName: Boolean(row.companyName),
        jobTitle: Boolean(row.jobTitle),
        website: Boolean(row.website),
        interest: Boolean(row.interest),
        estimatedValue: row.estimatedValue !== null && row.estimatedValue !== undefined,
      },
      lastActivityAt: row.lastActivityAt ?? null,
    },
    rules,
    new Date(),
  );
  return { score, scoreReasons: reasons };
}

export const bantQualifiedOf = (row: Pick<NewLeadRow, "bant">) => isBantQualified(row.bant as Bant);

/**
 * Round-robin: the next active sales member of the team after the one who got the last lead. The
 * state row is locked, so two leads created at once go to two different people.
 */
export async function nextRoundRobinOwner(tx: DbOrTx, teamId: string): Promise<string | null> {
  await tx.insert(roundRobinState).values({ teamId }).onConflictDoNothing();
  const [state] = await tx
    .select()
    .from(roundRobinState)
    .where(eq(roundRobinState.teamId, teamId))
    .for("update");
  const members = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.teamId, teamId), eq(users.active, true), eq(users.role, "sales")))
    .orderBy(asc(users.createdAt), asc(users.id));
  if (members.length === 0) return null;
  const lastIndex = members.findIndex((m) => m.id === state?.lastUserId);
  const next = members[(lastIndex + 1) % members.length];
  if (!next) return null;
  await tx
    .update(roundRobinState)
    .set({ lastUserId: next.id, updatedAt: new Date() })
    .where(eq(roundRobinState.teamId, teamId));
  return next.id;
}
