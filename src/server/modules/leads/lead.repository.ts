import type { GateShape } from "@server/access/permission-gate";
import type { DbOrTx } from "@server/db/client";
import { insertShape, prepared } from "@server/db/prepared";
import { updateRecordRow } from "@server/db/record-update";
import { companies, contacts, leads } from "@server/db/schema";
import { contactHasAnyEmail, emailKey } from "@server/modules/contacts/contact-email-keys";
import { and, eq, inArray, ne, or, type SQL, sql } from "drizzle-orm";

export type LeadRow = typeof leads.$inferSelect;
export type NewLeadRow = typeof leads.$inferInsert;

export async function findLead(db: DbOrTx, id: string, visible: SQL): Promise<LeadRow | undefined> {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.id, id), visible));
  return row;
}

/** findLead as a prepared statement per gate shape: the hot GET /leads/{id} (issue #21 point 1). */
export async function findVisibleLead(db: DbOrTx, id: string, gate: GateShape): Promise<LeadRow | undefined> {
  const query = prepared(db, `lead_by_id_${gate.key}`, (d, name) =>
    d
      .select()
      .from(leads)
      .where(and(eq(leads.id, sql.placeholder("id")), gate.where()))
      .prepare(name),
  );
  const [row] = await query.execute({ ...gate.values, id });
  return row;
}

/** Locks the row for the rest of the transaction, so concurrent edits queue instead of interleaving. */
export async function findLeadForUpdate(tx: DbOrTx, id: string, visible: SQL): Promise<LeadRow | undefined> {
  const [row] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.id, id), visible))
    .for("update");
  return row;
}

export async function findLeadsForUpdate(tx: DbOrTx, ids: string[], visible: SQL): Promise<LeadRow[]> {
  return tx
    .select()
    .from(leads)
    .where(and(inArray(leads.id, ids), visible))
    .orderBy(leads.id)
    .for("update");
}

/** Prepared per set of columns given (db/prepared.ts): POST /leads's insert of all 57 columns, returning them. */
export async function insertLead(db: DbOrTx, values: NewLeadRow): Promise<LeadRow> {
  const shape = insertShape(values);
  const [row] = shape
    ? await prepared(db, `lead_insert:${shape.key}`, (d, name) =>
        d.insert(leads).values(shape.placeholders).returning().prepare(name),
      ).execute(shape.values)
    : await db.insert(leads).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/**
 * Many new leads in multi-row INSERTs (ids chosen by the caller, so each row is found again). A row
 * whose externalId a concurrent transaction took since the batch resolved them is skipped, not an
 * error: the caller reports that record alone. 250 rows a statement stay below 65,535 parameters.
 */
export async function insertLeads(db: DbOrTx, rows: (NewLeadRow & { id: string })[]): Promise<LeadRow[]> {
  const inserted: LeadRow[] = [];
  for (let i = 0; i < rows.length; i += 250) {
    const chunk = rows.slice(i, i + 250);
    inserted.push(
      ...(await db.insert(leads).values(chunk).onConflictDoNothing({ target: leads.externalId }).returning()),
    );
  }
  return inserted;
}

export const updateLeadRow = (db: DbOrTx, id: string, values: Partial<NewLeadRow>): Promise<LeadRow> =>
  updateRecordRow(db, leads, id, values);

/** Soft-deleted leads, for an admin's restore (visibility of deleted rows is the admin's alone). */
export async function findDeletedLead(db: DbOrTx, id: string): Promise<LeadRow | undefined> {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.id, id), sql`${leads.deletedAt} is not null`));
  return row;
}

export interface MatchCandidate {
  kind: "lead" | "contact";
  id: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  email: string | null;
  phone: string | null;
  reason: "email" | "phone";
}

/** Leads and contacts the caller can see that share an email or a phone number (E.164) with the input. */
export async function findMatches(
  db: DbOrTx,
  opts: {
    email: string | null;
    phones: string[];
    excludeId?: string | undefined;
    leadVisible: SQL;
    contactVisible: SQL;
    companyVisible: SQL;
  },
): Promise<MatchCandidate[]> {
  const results: MatchCandidate[] = [];
  const email = opts.email ? emailKey(opts.email) : null;
  if (!email && opts.phones.length === 0) return results;

  const leadMatch = or(
    email ? sql`lower(${leads.email}) = ${email}` : undefined,
    opts.phones.length ? inArray(leads.phoneNormalized, opts.phones) : undefined,
    opts.phones.length ? inArray(leads.mobileNormalized, opts.phones) : undefined,
  );
  const leadRows = await db
    .select({
      id: leads.id,
      firstName: leads.firstName,
      lastName: leads.lastName,
      companyName: leads.companyName,
      email: leads.email,
      phone: leads.phone,
    })
    .from(leads)
    .where(and(leadMatch, opts.leadVisible, opts.excludeId ? ne(leads.id, opts.excludeId) : undefined))
    .limit(10);
  for (const r of leadRows) {
    results.push({
      kind: "lead",
      ...r,
      reason: email && r.email?.toLowerCase() === email ? "email" : "phone",
    });
  }

  const contactMatch = or(
    email ? contactHasAnyEmail([emailKey(email)]) : undefined,
    opts.phones.length ? inArray(contacts.phoneNormalized, opts.phones) : undefined,
  );
  const contactRows = await db
    .select({
      id: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
      phone: contacts.phone,
      companyName: companies.name,
      emailKeys: contacts.emailKeys,
    })
    .from(contacts)
    // The company name only when the caller may see the company too.
    .leftJoin(companies, and(eq(companies.id, contacts.companyId), opts.companyVisible))
    .where(and(contactMatch, opts.contactVisible))
    .limit(10);
  for (const { emailKeys, ...r } of contactRows) {
    results.push({
      kind: "contact",
      ...r,
      // Any of the contact's addresses counts (#16), the one shown is its primary.
      reason: email && emailKeys.includes(email) ? "email" : "phone",
    });
  }
  return results;
}
