import {
  ERASED_NAME,
  type ProposalState,
  RETENTION_CATEGORIES,
  RETENTION_DEFAULTS,
  type RetentionCategory,
  type SubjectType,
} from "@domain/gdpr/gdpr-types";
import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import type { Db, DbOrTx } from "@server/db/client";
import { afterCursor, decodeCursor, toPage } from "@server/db/keyset";
import { contacts, leads, processingLog, retentionProposals, retentionRules } from "@server/db/schema";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { erasePerson } from "./erase-person";
import { logProcessing } from "./processing-log";

/** Each category's rule, inactive with its default days where none was saved. */
async function readRules(db: DbOrTx) {
  const saved = await db.select().from(retentionRules);
  return RETENTION_CATEGORIES.map((category) => {
    const row = saved.find((r) => r.category === category);
    return {
      category,
      afterDays: row?.afterDays ?? RETENTION_DEFAULTS[category],
      active: row?.active ?? false,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  });
}

export async function listRules(ctx: ServiceContext) {
  authorize(ctx, "gdpr.manage");
  return readRules(ctx.db);
}

export async function saveRules(
  ctx: ServiceContext,
  rules: { category: RetentionCategory; afterDays: number; active: boolean }[],
) {
  authorize(ctx, "gdpr.manage");
  return ctx.db.transaction(async (tx) => {
    for (const rule of rules) {
      await tx
        .insert(retentionRules)
        .values({ ...rule, updatedBy: ctx.actor.id })
        .onConflictDoUpdate({
          target: retentionRules.category,
          set: {
            afterDays: rule.afterDays,
            active: rule.active,
            updatedBy: ctx.actor.id,
            updatedAt: new Date(),
          },
        });
      await logProcessing(tx, ctx, "retention_rule_changed", null, { detail: { ...rule } });
    }
    return readRules(tx);
  });
}

/** Not erased yet: neither by a request (Art. 17) nor by an earlier purge. */
const notErased = (type: SubjectType, id: SQL | typeof leads.id | typeof contacts.id) =>
  sql`not exists (select 1 from ${processingLog} where ${processingLog.subjectType} = ${type}
      and ${processingLog.subjectId} = ${id} and ${processingLog.action} in ('erased', 'retention_purged'))`;
/** Not proposed before (an excluded record stays excluded). */
const notProposed = (type: SubjectType, id: typeof leads.id | typeof contacts.id) =>
  sql`not exists (select 1 from ${retentionProposals} where ${retentionProposals.subjectType} = ${type}
      and ${retentionProposals.subjectId} = ${id})`;

/** Which records a category's rule finds, older than `before`. */
function candidates(db: DbOrTx, category: RetentionCategory, before: Date, limit: number) {
  switch (category) {
    case "dead_leads":
      // A dead lead's last change is when it died (a dead lead is not edited further).
      return db
        .select({ id: leads.id })
        .from(leads)
        .where(
          and(
            eq(leads.status, "dead"),
            sql`${leads.updatedAt} < ${before}`,
            notErased("lead", leads.id),
            notProposed("lead", leads.id),
          ),
        )
        .limit(limit);
    case "deleted_leads":
      return db
        .select({ id: leads.id })
        .from(leads)
        .where(
          and(
            sql`${leads.deletedAt} < ${before}`,
            notErased("lead", leads.id),
            notProposed("lead", leads.id),
          ),
        )
        .limit(limit);
    case "deleted_contacts":
      return db
        .select({ id: contacts.id })
        .from(contacts)
        .where(
          and(
            sql`${contacts.deletedAt} < ${before}`,
            notErased("contact", contacts.id),
            notProposed("contact", contacts.id),
          ),
        )
        .limit(limit);
    default: {
      const unreachable: never = category;
      return unreachable;
    }
  }
}

const SUBJECT_OF: Record<RetentionCategory, SubjectType> = {
  dead_leads: "lead",
  deleted_leads: "lead",
  deleted_contacts: "contact",
};

/** Step 1 of the job: each active rule's records become proposals for an admin to review. */
export async function proposeRetention(db: Db, now = new Date(), limit = 1000): Promise<number> {
  let proposed = 0;
  for (const rule of await readRules(db)) {
    if (!rule.active) continue;
    const before = new Date(now.getTime() - rule.afterDays * 86_400_000);
    proposed += await db.transaction(async (tx) => {
      const found = await candidates(tx, rule.category, before, limit);
      if (found.length === 0) return 0;
      const inserted = await tx
        .insert(retentionProposals)
        .values(
          found.map((f) => ({
            category: rule.category,
            subjectType: SUBJECT_OF[rule.category],
            subjectId: f.id,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: retentionProposals.id });
      await logProcessing(tx, { actor: null }, "retention_proposed", null, {
        detail: { category: rule.category, count: inserted.length, afterDays: rule.afterDays },
      });
      return inserted.length;
    });
  }
  return proposed;
}

/**
 * Step 2: anonymises the approved proposals through the erasure path, one batch per transaction.
 * Only the proposed record itself: a dead lead's purge does not reach the live contact it was linked to.
 */
export async function purgeApproved(db: Db, limit = 100): Promise<number> {
  return db.transaction(async (tx) => {
    const batch = await tx
      .select()
      .from(retentionProposals)
      .where(eq(retentionProposals.state, "approved"))
      .orderBy(asc(retentionProposals.decidedAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    for (const proposal of batch) {
      const person =
        proposal.subjectType === "lead"
          ? { leadIds: [proposal.subjectId], contactIds: [] }
          : { leadIds: [], contactIds: [proposal.subjectId] };
      const result = await erasePerson(tx, person);
      await logProcessing(
        tx,
        { actor: null },
        "retention_purged",
        { type: proposal.subjectType as SubjectType, id: proposal.subjectId },
        { reason: `retention:${proposal.category}`, detail: { ...result, proposalId: proposal.id } },
      );
    }
    if (batch.length > 0)
      await tx
        .update(retentionProposals)
        .set({ state: "purged", purgedAt: new Date() })
        .where(
          inArray(
            retentionProposals.id,
            batch.map((p) => p.id),
          ),
        );
    return batch.length;
  });
}

/** What a reviewer reads for a proposal: the record's name as it is now. */
const labelSql = sql<string>`coalesce(
  (select nullif(trim(concat_ws(' ', l.first_name, l.last_name, case when l.company_name is not null then '(' || l.company_name || ')' end)), '')
     from leads l where ${retentionProposals.subjectType} = 'lead' and l.id = ${retentionProposals.subjectId}),
  (select nullif(trim(concat_ws(' ', c.first_name, c.last_name)), '')
     from contacts c where ${retentionProposals.subjectType} = 'contact' and c.id = ${retentionProposals.subjectId}),
  ${ERASED_NAME})`;

export async function listProposals(
  ctx: ServiceContext,
  query: { limit: number; cursor?: string | undefined; state: ProposalState },
) {
  authorize(ctx, "gdpr.manage");
  const where: SQL[] = [eq(retentionProposals.state, query.state)];
  if (query.cursor)
    where.push(
      afterCursor(
        retentionProposals.proposedAt,
        retentionProposals.id,
        "asc",
        decodeCursor(query.cursor, 2),
        "timestamptz",
      ),
    );
  const rows = await ctx.db
    .select({ proposal: retentionProposals, label: labelSql })
    .from(retentionProposals)
    .where(and(...where))
    .orderBy(asc(retentionProposals.proposedAt), asc(retentionProposals.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => [r.proposal.proposedAt.toISOString(), r.proposal.id]);
  return {
    nextCursor: page.nextCursor,
    data: page.data.map(({ proposal: p, label }) => ({
      id: p.id,
      category: p.category as RetentionCategory,
      subjectType: p.subjectType as SubjectType,
      subjectId: p.subjectId,
      label,
      state: p.state as ProposalState,
      proposedAt: p.proposedAt.toISOString(),
      decidedAt: p.decidedAt?.toISOString() ?? null,
      purgedAt: p.purgedAt?.toISOString() ?? null,
    })),
  };
}

/** An admin's review: approved proposals are purged by the next run, excluded ones never proposed again. */
export async function decideProposals(
  ctx: ServiceContext,
  input: { ids: string[]; decision: "approve" | "exclude" },
) {
  authorize(ctx, "gdpr.manage");
  return ctx.db.transaction(async (tx) => {
    const decided = await tx
      .update(retentionProposals)
      .set({
        state: input.decision === "approve" ? "approved" : "excluded",
        decidedBy: ctx.actor.id,
        decidedAt: new Date(),
      })
      .where(and(inArray(retentionProposals.id, input.ids), eq(retentionProposals.state, "proposed")))
      .returning();
    for (const p of decided)
      await logProcessing(
        tx,
        ctx,
        input.decision === "approve" ? "retention_approved" : "retention_excluded",
        { type: p.subjectType as SubjectType, id: p.subjectId },
        { detail: { proposalId: p.id, category: p.category } },
      );
    return { decided: decided.length };
  });
}
