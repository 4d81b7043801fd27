import type { KnownContact, KnownIdentities } from "@domain/intake/identity";
import { OPEN_LEAD_STATUSES } from "@domain/intake/intake-types";
import type { NormalisedIntake } from "@domain/intake/normalise";
import type { DbOrTx } from "@server/db/client";
import { textIn } from "@server/db/id-list";
import { auditLog, companies, contacts, intakeLog, leadConsents, leads } from "@server/db/schema";
import { contactHasAnyEmail, firstRowByEmailKey } from "@server/modules/contacts/contact-email-keys";
import { recordFormConsents } from "@server/modules/gdpr/form-consents";
import { and, asc, type Column, desc, gte, inArray, isNull, sql } from "drizzle-orm";

export type NewIntakeLogRow = typeof intakeLog.$inferInsert;
export type NewAuditRow = typeof auditLog.$inferInsert;
export type NewConsentRow = typeof leadConsents.$inferInsert;

const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];

/** VAT ids as stored (typed) compared in their normalised form; companies_vat_idx holds this expression. */
const vatKey = sql<string>`regexp_replace(upper(${companies.vatId}), '[^0-9A-Z+*]', '', 'g')`;

/**
 * Everything the database knows about a batch's people and companies, set-based: one query per key
 * type for the whole batch, each on an indexed column (contacts_email_keys_idx, which holds every
 * address of a contact, not only the primary; contacts_phone_idx, companies_domain_idx,
 * companies_vat_idx, leads_email_idx, leads_phone_idx, leads_mobile_idx).
 * The oldest live record wins where several match, so repeated runs pick the same one.
 *
 * Identity resolution is the system's, not a user's: a public form links to a contact nobody on the
 * form's team may see, and the public learns nothing of it (its answer is always "received").
 */
export async function resolveIdentities(
  tx: DbOrTx,
  rows: readonly NormalisedIntake[],
  openLeads: { source: string; since: Date },
): Promise<KnownIdentities> {
  const emails = unique(rows.map((r) => r.email));
  const phones = unique(rows.flatMap((r) => [r.phoneE164, r.mobileE164]));
  const domains = unique(rows.map((r) => r.domain));
  const vatIds = unique(rows.map((r) => r.vatId));
  const contactCols = { id: contacts.id, companyId: contacts.companyId };
  const live = isNull(contacts.deletedAt);
  // One after another (not Promise.all): a transaction is one connection, one statement at a time.
  const [byEmail, byPhone, byDomain, byVat, leadsByEmail, leadsByPhone] = [
    await (emails.length
      ? tx
          .select({ ...contactCols, emailKeys: contacts.emailKeys })
          .from(contacts)
          .where(and(contactHasAnyEmail(emails), live))
          .orderBy(asc(contacts.createdAt), asc(contacts.id))
      : []),
    await (phones.length
      ? tx
          .select({ ...contactCols, key: sql<string>`${contacts.phoneNormalized}` })
          .from(contacts)
          .where(and(textIn(contacts.phoneNormalized, phones), live))
          .orderBy(asc(contacts.createdAt), asc(contacts.id))
      : []),
    await (domains.length
      ? tx
          .select({ id: companies.id, key: sql<string>`${companies.domain}` })
          .from(companies)
          .where(and(textIn(companies.domain, domains), isNull(companies.deletedAt)))
          .orderBy(asc(companies.createdAt), asc(companies.id))
      : []),
    await (vatIds.length
      ? tx
          .select({ id: companies.id, key: vatKey })
          .from(companies)
          .where(and(textIn(vatKey, vatIds), isNull(companies.deletedAt)))
          .orderBy(asc(companies.createdAt), asc(companies.id))
      : []),
    await (emails.length
      ? tx
          .select({ id: leads.id, key: sql<string>`lower(${leads.email})` })
          .from(leads)
          .where(and(textIn(sql`lower(${leads.email})`, emails), openLeadWhere(openLeads)))
          .orderBy(desc(leads.createdAt), desc(leads.id))
      : []),
    await (phones.length ? openLeadsByPhone(tx, phones, openLeads) : []),
  ];
  const openLeadByPhone = new Map<string, string>();
  for (const lead of leadsByPhone) {
    for (const p of [lead.phone, lead.mobile])
      if (p && !openLeadByPhone.has(p)) openLeadByPhone.set(p, lead.id);
  }
  return {
    contactByEmail: new Map(
      [...firstRowByEmailKey(byEmail, emails)].map(([key, r]): [string, KnownContact] => [
        key,
        { id: r.id, companyId: r.companyId },
      ]),
    ),
    contactByPhone: firstByKey(byPhone, (r): KnownContact => ({ id: r.id, companyId: r.companyId })),
    companyByDomain: firstByKey(byDomain, (r) => r.id),
    companyByVatId: firstByKey(byVat, (r) => r.id),
    openLeadByEmail: firstByKey(leadsByEmail, (r) => r.id),
    openLeadByPhone,
  };
}

/**
 * Open leads whose phone or mobile is one of `phones`, newest first. Two arms in a UNION, one per
 * index (leads_phone_idx, leads_mobile_idx): with an OR of the two the planner scanned the whole
 * table (issue #17: 856 ms at 100k leads for a 5,000-row batch, where each arm is an index lookup).
 */
async function openLeadsByPhone(
  tx: DbOrTx,
  phones: readonly string[],
  openLeads: { source: string; since: Date },
): Promise<{ id: string; phone: string | null; mobile: string | null }[]> {
  const arm = (column: Column) => sql`
    select ${leads.id} as id, ${leads.createdAt} as created_at, ${leads.phoneNormalized} as phone,
      ${leads.mobileNormalized} as mobile
    from ${leads} where ${textIn(column, phones)} and ${openLeadWhere(openLeads)}`;
  const result: unknown = await tx.execute(sql`
    select id, phone, mobile from (${arm(leads.phoneNormalized)} union ${arm(leads.mobileNormalized)}) l
    order by created_at desc, id desc`);
  return (result as { rows: { id: string; phone: string | null; mobile: string | null }[] }).rows;
}

/** A lead of the same source, still open, created within the window. */
function openLeadWhere({ source, since }: { source: string; since: Date }) {
  return and(
    isNull(leads.deletedAt),
    sql`${leads.source} = ${source}`,
    inArray(leads.status, [...OPEN_LEAD_STATUSES]),
    gte(leads.createdAt, since),
  );
}

function firstByKey<R extends { key: string | null }, V>(
  rows: readonly R[],
  value: (row: R) => V,
): Map<string, V> {
  const map = new Map<string, V>();
  for (const row of rows) if (row.key !== null && !map.has(row.key)) map.set(row.key, value(row));
  return map;
}

/** Multi-row inserts: a batch is a handful of statements whatever its size. */
// Chunks keep each statement under PostgreSQL's 65,535 parameters.
const CHUNK = 1000;

export async function insertIntakeLog(tx: DbOrTx, rows: NewIntakeLogRow[]): Promise<{ id: string }[]> {
  const ids: { id: string }[] = [];
  for (let i = 0; i < rows.length; i += CHUNK)
    ids.push(
      ...(await tx
        .insert(intakeLog)
        .values(rows.slice(i, i + CHUNK))
        .returning({ id: intakeLog.id })),
    );
  return ids;
}

export async function insertAuditRows(tx: DbOrTx, rows: NewAuditRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(auditLog).values(rows.slice(i, i + CHUNK));
}

/** The form consents' proofs, each also written into the consent log (modules/gdpr). */
export async function insertConsents(tx: DbOrTx, rows: NewConsentRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const proofs = await tx
      .insert(leadConsents)
      .values(rows.slice(i, i + CHUNK))
      .returning({
        id: leadConsents.id,
        leadId: leadConsents.leadId,
        formId: leadConsents.formId,
        policyVersion: leadConsents.policyVersion,
        consentText: leadConsents.consentText,
        givenAt: leadConsents.givenAt,
      });
    await recordFormConsents(tx, proofs);
  }
}
