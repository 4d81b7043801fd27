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
  const [owner] = await nextRoundRobinOwners(tx, teamId, 1);
  return owner ?? null;
}

/**
 * The next `count` owners in turn (a batch of the intake pipeline takes its turns at once, in three
 * statements); empty when the team has no active sales member.
 */
export async function nextRoundRobinOwners(tx: DbOrTx, teamId: string, count: number): Promise<string[]> {
  if (count <= 0) return [];
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
  if (members.length === 0) return [];
  const lastIndex = members.findIndex((m) => m.id === state?.lastUserId);
  const owners: string[] = [];
  for (let i = 1; i <= count; i++) {
    const member = members[(lastIndex + i) % members.length];
    if (member) owners.push(member.id);
  }
  const last = owners.at(-1) ?? null;
  await tx
    .update(roundRobinState)
    .set({ lastUserId: last, updatedAt: new Date() })
    .where(eq(roundRobinState.teamId, teamId));
  return owners;
}
