import type { DbOrTx } from "@server/db/client";
import { idIn, textIn } from "@server/db/id-list";
import { importRows, imports, leads } from "@server/db/schema";
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";

export type ImportRow = typeof imports.$inferSelect;
export type ImportDataRow = typeof importRows.$inferSelect;

export async function insertImport(db: DbOrTx, values: typeof imports.$inferInsert): Promise<ImportRow> {
  const [row] = await db.insert(imports).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/**
 * Rows of the file, one statement and one JSON parameter per 5,000 (as db/json-insert.ts does):
 * drizzle's multi-row VALUES built three parameters per row and cost most of the upload's CPU
 * (issue #17). Row numbers follow the array's order from `first`.
 */
export async function insertDataRows(db: DbOrTx, importId: string, first: number, rows: string[][]) {
  for (let i = 0; i < rows.length; i += 5000) {
    await db.execute(sql`
      insert into ${importRows} (import_id, row_no, cells)
      select ${importId}::uuid, ${first + i - 1}::int + t.n::int, t.cells
      from jsonb_array_elements(${JSON.stringify(rows.slice(i, i + 5000))}::jsonb) with ordinality as t(cells, n)`);
  }
}

export async function findImport(db: DbOrTx, id: string, lock = false): Promise<ImportRow | undefined> {
  const query = db.select().from(imports).where(eq(imports.id, id));
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

export async function updateImport(db: DbOrTx, id: string, values: Partial<typeof imports.$inferInsert>) {
  await db.update(imports).set(values).where(eq(imports.id, id));
}

export async function deleteImport(db: DbOrTx, id: string) {
  await db.delete(imports).where(eq(imports.id, id));
}

/** The next rows after `afterRowNo`, in file order (the job's and the dry run's keyset). */
export function dataRowsAfter(db: DbOrTx, importId: string, afterRowNo: number, limit: number) {
  return db
    .select()
    .from(importRows)
    .where(and(eq(importRows.importId, importId), gt(importRows.rowNo, afterRowNo)))
    .orderBy(asc(importRows.rowNo))
    .limit(limit);
}

/** A page of the preview, filtered by outcome, keyset on the row number. */
export function previewRows(
  db: DbOrTx,
  importId: string,
  options: { outcome?: string | undefined; after: number; limit: number },
) {
  return db
    .select()
    .from(importRows)
    .where(
      and(
        eq(importRows.importId, importId),
        options.outcome ? eq(importRows.outcome, options.outcome) : undefined,
        gt(importRows.rowNo, options.after),
      ),
    )
    .orderBy(asc(importRows.rowNo))
    .limit(options.limit);
}

export async function setRowOutcomes(
  db: DbOrTx,
  importId: string,
  rows: { rowNo: number; outcome: string; detail: Record<string, unknown> | null; recordId: string | null }[],
) {
  if (rows.length === 0) return;
  // One statement and one parameter for the whole batch (thousands of rows): a JSON array read as
  // a record set, joined on the row number.
  const json = rows.map((r) => ({
    row_no: r.rowNo,
    outcome: r.outcome,
    detail: r.detail,
    record_id: r.recordId,
  }));
  await db.execute(sql`
    update import_rows as r set outcome = v.outcome, detail = v.detail, record_id = v.record_id
    from jsonb_to_recordset(${JSON.stringify(json)}::jsonb)
      as v(row_no int, outcome text, detail jsonb, record_id uuid)
    where r.import_id = ${importId} and r.row_no = v.row_no`);
}

/**
 * Live leads matching by lower-cased email, E.164 phone or external id: the import's duplicates.
 * One arm per key and index in a UNION: an OR over the four columns made the planner scan the
 * whole table (issue #17).
 */
export async function leadsMatching(
  db: DbOrTx,
  emails: string[],
  phones: string[],
  externalIds: string[] = [],
) {
  const arms = [
    emails.length ? textIn(sql`lower(${leads.email})`, emails) : null,
    phones.length ? textIn(leads.phoneNormalized, phones) : null,
    phones.length ? textIn(leads.mobileNormalized, phones) : null,
    externalIds.length ? textIn(leads.externalId, externalIds) : null,
  ].flatMap((where) =>
    where
      ? [
          sql`select ${leads.id} as id, ${leads.email} as email, ${leads.phoneNormalized} as "phoneNormalized",
            ${leads.mobileNormalized} as "mobileNormalized", ${leads.externalId} as "externalId"
          from ${leads} where ${isNull(leads.deletedAt)} and ${where}`,
        ]
      : [],
  );
  if (arms.length === 0) return [];
  const result: unknown = await db.execute(sql.join(arms, sql` union `));
  return (
    result as {
      rows: {
        id: string;
        email: string | null;
        phoneNormalized: string | null;
        mobileNormalized: string | null;
        externalId: string | null;
      }[];
    }
  ).rows;
}

export async function leadsByIds(db: DbOrTx, ids: string[], lock = false) {
  if (ids.length === 0) return [];
  const query = db.select().from(leads).where(idIn(leads.id, ids));
  return lock ? query.for("update") : query;
}

/**
 * Gives the leads the import just made their external ids in one statement, unless another lead has
 * the id by now: a second row with the same id in one batch (created anyway) or a lead made
 * meanwhile keeps its lead without, rather than the batch failing on the unique index.
 */
export async function setLeadExternalIds(db: DbOrTx, rows: { id: string; externalId: string }[]) {
  const seen = new Set<string>();
  const first = rows.filter((r) => !seen.has(r.externalId) && Boolean(seen.add(r.externalId)));
  if (first.length === 0) return;
  const json = first.map((r) => ({ id: r.id, external_id: r.externalId }));
  await db.execute(sql`
    update leads set external_id = v.external_id
    from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as v(id uuid, external_id text)
    where leads.id = v.id
      and not exists (select 1 from leads as other where other.external_id = v.external_id)`);
}

/** The oldest import the job has to work on (running, or being undone). */
export async function nextOpenImport(db: DbOrTx) {
  const [row] = await db
    .select({ id: imports.id })
    .from(imports)
    .where(inArray(imports.status, ["running", "undoing"]))
    .orderBy(asc(imports.createdAt))
    .limit(1);
  return row?.id ?? null;
}
