import type { DbOrTx } from "@server/db/client";
import { prepared } from "@server/db/prepared";
import { intakeLog, webForms } from "@server/db/schema";
import { and, asc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";

export type FormRow = typeof webForms.$inferSelect;
export type NewFormRow = typeof webForms.$inferInsert;

const live = isNull(webForms.deletedAt);

export async function findForm(db: DbOrTx, id: string): Promise<FormRow | undefined> {
  const [row] = await db
    .select()
    .from(webForms)
    .where(and(eq(webForms.id, id), live));
  return row;
}

export async function findFormForUpdate(db: DbOrTx, id: string): Promise<FormRow | undefined> {
  const [row] = await db
    .select()
    .from(webForms)
    .where(and(eq(webForms.id, id), live))
    .for("update");
  return row;
}

/** Every public submission starts here: prepared (db/prepared.ts), so its text is built once. */
export async function findFormByKey(db: DbOrTx, key: string): Promise<FormRow | undefined> {
  const [row] = await prepared(db, "web_form_by_key", (d, name) =>
    d
      .select()
      .from(webForms)
      .where(and(eq(webForms.key, sql.placeholder("key")), live))
      .prepare(name),
  ).execute({ key });
  return row;
}

/** Forms by name in German order (keyset on the generated sort_key, id: web_forms_live_name_idx). */
export async function listForms(db: DbOrTx, limit: number, after: { name: string; id: string } | null) {
  const key = webForms.sortKey;
  return db
    .select()
    .from(webForms)
    .where(
      and(
        live,
        after ? or(gt(key, after.name), and(eq(key, after.name), gt(webForms.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(key), asc(webForms.id))
    .limit(limit + 1);
}

export async function insertForm(db: DbOrTx, values: NewFormRow): Promise<FormRow> {
  const [row] = await db.insert(webForms).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateForm(db: DbOrTx, id: string, values: Partial<NewFormRow>): Promise<FormRow> {
  const [row] = await db
    .update(webForms)
    .set({ ...values, version: sql`${webForms.version} + 1`, updatedAt: new Date() })
    .where(eq(webForms.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

/** Submission counts and the last submission per form, from intake_log_form_received_idx. */
export async function submissionStats(db: DbOrTx, formIds: string[]) {
  if (formIds.length === 0) return new Map<string, { count: number; lastAt: Date | null }>();
  const rows = await db
    .select({
      formId: intakeLog.formId,
      count: sql<number>`count(*)::int`,
      lastAt: sql<string | null>`max(${intakeLog.receivedAt})`,
    })
    .from(intakeLog)
    .where(and(inArray(intakeLog.formId, formIds), sql`${intakeLog.decision} <> 'rejected'`))
    .groupBy(intakeLog.formId);
  return new Map(
    rows.map((r) => [r.formId ?? "", { count: r.count, lastAt: r.lastAt ? new Date(r.lastAt) : null }]),
  );
}
