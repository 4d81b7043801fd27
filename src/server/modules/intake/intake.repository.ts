import { randomUUID } from "node:crypto";
import type { KnownContact, KnownIdentities } from "@domain/intake/identity";
import { OPEN_LEAD_STATUSES } from "@domain/intake/intake-types";
import type { NormalisedIntake } from "@domain/intake/normalise";
import type { DbOrTx } from "@server/db/client";
import { textIn } from "@server/db/id-list";
import { insertRowsAsJson, sameColumns } from "@server/db/json-insert";
import { auditLog, companies, contacts, intakeLog, leadConsents, leads } from "@server/db/schema";
import { contactHasAnyEmail, firstRowByEmailKey } from "@server/modules/contacts/contact-email-keys";
import { recordFormConsents } from "@server/modules/gdpr/form-consents";
import { and, type Column, gte, inArray, isNull, type SQL, sql } from "drizzle-orm";

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
  // All six lookups in one statement (one round trip rather than up to six; each arm keeps its own
  // index plan): each arm's rows come back as a JSON array in the arm's order.
  const liveContact = sql`${contacts.deletedAt} is null`;
  const liveCompany = sql`${companies.deletedAt} is null`;
  const [found] = rowsOf<{
    byEmail: { id: string; companyId: string | null; emailKeys: string[] }[];
    byPhone: ({ id: string; companyId: string | null } & Keyed)[];
    byDomain: ({ id: string } & Keyed)[];
    byVat: ({ id: string } & Keyed)[];
    leadsByEmail: ({ id: string } & Keyed)[];
    leadsByPhone: { id: string; phone: string | null; mobile: string | null }[];
  }>(
    await tx.execute(sql`select
      ${jsonRows(
        emails,
        sql`select ${contacts.id} as id, ${contacts.companyId} as "companyId", ${contacts.emailKeys} as "emailKeys",
          ${contacts.createdAt} as created_at
        from ${contacts} where ${contactHasAnyEmail(emails)} and ${liveContact}`,
        "asc",
      )} as "byEmail",
      ${jsonRows(
        phones,
        sql`select ${contacts.id} as id, ${contacts.companyId} as "companyId", ${contacts.phoneNormalized} as key,
          ${contacts.createdAt} as created_at
        from ${contacts} where ${textIn(contacts.phoneNormalized, phones)} and ${liveContact}`,
        "asc",
      )} as "byPhone",
      ${jsonRows(
        domains,
        sql`select ${companies.id} as id, ${companies.domain} as key, ${companies.createdAt} as created_at
        from ${companies} where ${textIn(companies.domain, domains)} and ${liveCompany}`,
        "asc",
      )} as "byDomain",
      ${jsonRows(
        vatIds,
        sql`select ${companies.id} as id, ${vatKey} as key, ${companies.createdAt} as created_at
        from ${companies} where ${textIn(vatKey, vatIds)} and ${liveCompany}`,
        "asc",
      )} as "byVat",
      ${jsonRows(
        emails,
        sql`select ${leads.id} as id, lower(${leads.email}) as key, ${leads.createdAt} as created_at
        from ${leads} where ${textIn(sql`lower(${leads.email})`, emails)} and ${openLeadWhere(openLeads)}`,
        "desc",
      )} as "leadsByEmail",
      ${jsonRows(phones, openLeadsByPhone(phones, openLeads), "desc")} as "leadsByPhone"`),
  );
  const { byEmail, byPhone, byDomain, byVat, leadsByEmail, leadsByPhone } = found ?? {
    byEmail: [],
    byPhone: [],
    byDomain: [],
    byVat: [],
    leadsByEmail: [],
    leadsByPhone: [],
  };
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

type Keyed = { key: string | null };

const rowsOf = <R>(result: unknown): R[] => (result as { rows: R[] }).rows;

/**
 * An arm of `resolveIdentities` as a JSON array of its rows, ordered by created_at and id (the oldest
 * or newest record first), or an empty array without a query when there are no keys to look up.
 */
function jsonRows(keys: readonly string[], select: SQL, order: "asc" | "desc"): SQL {
  if (keys.length === 0) return sql`'[]'::json`;
  const dir = sql.raw(order);
  return sql`(select coalesce(json_agg(q order by q.created_at ${dir}, q.id ${dir}), '[]'::json) from (${select}) q)`;
}

/**
 * Open leads whose phone or mobile is one of `phones`. Two arms in a UNION, one per index
 * (leads_phone_idx, leads_mobile_idx): with an OR of the two the planner scanned the whole table
 * (issue #17: 856 ms at 100k leads for a 5,000-row batch, where each arm is an index lookup).
 */
function openLeadsByPhone(phones: readonly string[], openLeads: { source: string; since: Date }): SQL {
  const arm = (column: Column) => sql`
    select ${leads.id} as id, ${leads.createdAt} as created_at, ${leads.phoneNormalized} as phone,
      ${leads.mobileNormalized} as mobile
    from ${leads} where ${textIn(column, phones)} and ${openLeadWhere(openLeads)}`;
  return sql`${arm(leads.phoneNormalized)} union ${arm(leads.mobileNormalized)}`;
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
const JSON_CHUNK = 5000;

/**
 * The decisions' log rows, their ids in the rows' order. Rows of one shape (a batch's) go in as one
 * JSON parameter per 5,000 with ids chosen here (`insertRowsAsJson`): drizzle's VALUES built a
 * parameter per cell, 15 statements and a second of an import batch at 1M leads (issue #17).
 */
export async function insertIntakeLog(tx: DbOrTx, rows: NewIntakeLogRow[]): Promise<{ id: string }[]> {
  if (rows.length > 1 && sameColumns(rows)) {
    const withIds = rows.map((row) => ({ ...row, id: randomUUID() }));
    for (let i = 0; i < withIds.length; i += JSON_CHUNK)
      await insertRowsAsJson(tx, intakeLog, withIds.slice(i, i + JSON_CHUNK), sql`id`);
    return withIds.map((row) => ({ id: row.id }));
  }
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

/** Audit rows in the order given (their ids follow it): one JSON parameter per 5,000 where they share a shape. */
export async function insertAuditRows(tx: DbOrTx, rows: NewAuditRow[]): Promise<void> {
  if (rows.length > 1 && sameColumns(rows)) {
    for (let i = 0; i < rows.length; i += JSON_CHUNK)
      await insertRowsAsJson(tx, auditLog, rows.slice(i, i + JSON_CHUNK), sql`id`);
    return;
  }
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
