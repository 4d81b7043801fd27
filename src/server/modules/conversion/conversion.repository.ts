import type { DbOrTx } from "@server/db/client";
import { activities, companies, contacts, pipelines, stages } from "@server/db/schema";
import { contactHasAnyEmail, emailKey } from "@server/modules/contacts/contact-email-keys";
import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";

export interface ContactCandidateRow {
  id: string;
  salutation: string | null;
  title: string | null;
  firstName: string | null;
  lastName: string;
  jobTitle: string | null;
  department: string | null;
  email: string | null;
  emails: unknown;
  phone: string | null;
  phones: unknown;
  phoneNormalized: string | null;
  addresses: unknown;
  companyId: string | null;
  companyName: string | null;
  ownerId: string | null;
  teamId: string | null;
}

const CANDIDATE_LIMIT = 20;

/**
 * Contacts the caller can see that have the email (any of theirs, not only the primary), a phone number (E.164), are the linked contact, or
 * work at one of `companyIds`. Each criterion is its own indexed lookup; the domain decides the reasons.
 */
export async function contactCandidates(
  db: DbOrTx,
  opts: {
    email: string | null;
    phones: string[];
    linkedId: string | null;
    companyIds: string[];
    visible: SQL;
    companyVisible: SQL;
  },
): Promise<ContactCandidateRow[]> {
  const match = or(
    opts.email ? contactHasAnyEmail([emailKey(opts.email)]) : undefined,
    opts.phones.length ? inArray(contacts.phoneNormalized, opts.phones) : undefined,
    opts.linkedId ? eq(contacts.id, opts.linkedId) : undefined,
    opts.companyIds.length ? inArray(contacts.companyId, opts.companyIds) : undefined,
  );
  if (!match) return [];
  return db
    .select({
      id: contacts.id,
      salutation: contacts.salutation,
      title: contacts.title,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      jobTitle: contacts.jobTitle,
      department: contacts.department,
      email: contacts.email,
      emails: contacts.emails,
      phone: contacts.phone,
      phones: contacts.phones,
      phoneNormalized: contacts.phoneNormalized,
      addresses: contacts.addresses,
      companyId: contacts.companyId,
      ownerId: contacts.ownerId,
      teamId: contacts.teamId,
      // The company's name only when the caller may see the company too.
      companyName: companies.name,
    })
    .from(contacts)
    .leftJoin(companies, and(eq(companies.id, contacts.companyId), opts.companyVisible))
    .where(and(match, opts.visible))
    .orderBy(desc(contacts.updatedAt))
    .limit(CANDIDATE_LIMIT * 2);
}

export interface CompanyCandidateRow {
  id: string;
  name: string;
  domain: string | null;
  website: string | null;
  phone: string | null;
  billingAddress: unknown;
  ownerId: string | null;
  teamId: string | null;
}

/** Companies the caller can see with the same name (case-insensitive), one of the domains, or the linked one. */
export async function companyCandidates(
  db: DbOrTx,
  opts: { name: string | null; domains: string[]; linkedId: string | null; visible: SQL },
): Promise<CompanyCandidateRow[]> {
  const match = or(
    opts.name ? sql`lower(${companies.name}) = ${opts.name.trim().toLowerCase()}` : undefined,
    opts.domains.length ? inArray(companies.domain, opts.domains) : undefined,
    opts.linkedId ? eq(companies.id, opts.linkedId) : undefined,
  );
  if (!match) return [];
  return db
    .select({
      id: companies.id,
      name: companies.name,
      domain: companies.domain,
      website: companies.website,
      phone: companies.phone,
      billingAddress: companies.billingAddress,
      ownerId: companies.ownerId,
      teamId: companies.teamId,
    })
    .from(companies)
    .where(and(match, opts.visible))
    .orderBy(desc(companies.updatedAt))
    .limit(CANDIDATE_LIMIT);
}

/** The default pipeline (else the first one) with its stages, for the deal prefill. */
export async function defaultPipelineWithStages(db: DbOrTx) {
  const [pipeline] = await db
    .select({ id: pipelines.id })
    .from(pipelines)
    .orderBy(desc(pipelines.isDefault), asc(pipelines.position), asc(pipelines.createdAt))
    .limit(1);
  if (!pipeline) return null;
  const rows = await db
    .select({ id: stages.id, position: stages.position })
    .from(stages)
    .where(eq(stages.pipelineId, pipeline.id));
  return { id: pipeline.id, stages: rows };
}

/**
 * Gives the lead's activities the new contact, company and deal where they have none yet, so they show
 * on those timelines too (the lead link stays). Returns how many were re-linked.
 */
export async function relinkLeadActivities(
  tx: DbOrTx,
  leadId: string,
  links: { contactId: string; companyId: string | null; dealId: string | null },
): Promise<number> {
  const rows = await tx
    .update(activities)
    .set({
      contactId: sql`coalesce(${activities.contactId}, ${links.contactId}::uuid)`,
      companyId: sql`coalesce(${activities.companyId}, ${links.companyId}::uuid)`,
      dealId: sql`coalesce(${activities.dealId}, ${links.dealId}::uuid)`,
      version: sql`${activities.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(activities.leadId, leadId),
        isNull(activities.deletedAt),
        or(
          isNull(activities.contactId),
          links.companyId ? isNull(activities.companyId) : undefined,
          links.dealId ? isNull(activities.dealId) : undefined,
        ),
      ),
    )
    .returning({ id: activities.id });
  return rows.length;
}
