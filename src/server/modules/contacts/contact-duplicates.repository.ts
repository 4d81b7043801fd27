import type { DbOrTx } from "@server/db/client";
import { companies, contacts } from "@server/db/schema";
import { and, eq, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import type { ContactView } from "./contact.repository";
import { contactHasAnyEmail } from "./contact-email-keys";

const CANDIDATE_LIMIT = 20;

export interface DuplicateProbe {
  excludeId: string | null;
  /** Trimmed, lower-cased emails (`emailKey`). */
  emails: string[];
  /** E.164 phones. */
  phones: string[];
  companyId: string | null;
  /** Folded full name; matched together with the company. */
  lastName: string | null;
}

/**
 * Visible contacts that may be the same person: one of the same emails (any of theirs, not only the
 * primary), the same primary phone (E.164) or, in the same company, the same last name (the domain
 * rule then compares full names). Each arm is an index lookup (contacts_email_keys_idx,
 * contacts_phone_idx, contacts_company_idx).
 */
export async function findDuplicateCandidates(
  db: DbOrTx,
  probe: DuplicateProbe,
  visible: SQL,
  companyVisible: SQL,
): Promise<ContactView[]> {
  const arms: SQL[] = [];
  if (probe.emails.length > 0) arms.push(contactHasAnyEmail(probe.emails));
  if (probe.phones.length > 0) arms.push(inArray(contacts.phoneNormalized, probe.phones));
  if (probe.companyId && probe.lastName)
    arms.push(
      and(
        eq(contacts.companyId, probe.companyId),
        sql`f_unaccent(lower(${contacts.lastName})) = f_unaccent(lower(${probe.lastName}))`,
      ) ?? sql`false`,
    );
  if (arms.length === 0) return [];
  return db
    .select({ row: contacts, companyName: companies.name })
    .from(contacts)
    .leftJoin(companies, and(eq(companies.id, contacts.companyId), companyVisible))
    .where(and(visible, or(...arms), probe.excludeId ? ne(contacts.id, probe.excludeId) : undefined))
    .orderBy(contacts.createdAt, contacts.id)
    .limit(CANDIDATE_LIMIT);
}
