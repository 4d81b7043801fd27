import { type ContactIdentity, contactDuplicateReasons } from "@domain/contacts/contact-duplicates";
import { normalizePhone } from "@domain/phone-number";
import { companyVisibility, contactVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import type { ContactDuplicate, contactMatchQuery } from "@shared/schemas/duplicates-merge";
import type { z } from "zod";
import { contactPointsOf, toContact } from "./contact.mapper";
import type { ContactRow } from "./contact.repository";
import { getContact } from "./contact.service";
import { findDuplicateCandidates } from "./contact-duplicates.repository";

const phonesOf = (values: readonly string[]) =>
  values.map((v) => normalizePhone(v)).filter((p): p is string => p !== null);

function identityOfRow(row: ContactRow): ContactIdentity {
  const points = contactPointsOf(row);
  return {
    firstName: row.firstName,
    lastName: row.lastName,
    companyId: row.companyId,
    emails: [...points.emails.map((e) => e.value), ...(row.email ? [row.email] : [])],
    phones: [
      ...new Set([
        ...phonesOf(points.phones.map((p) => p.value)),
        ...(row.phoneNormalized ? [row.phoneNormalized] : []),
      ]),
    ],
  };
}

async function duplicatesOf(ctx: ServiceContext, subject: ContactIdentity, excludeId: string | null) {
  const candidates = await findDuplicateCandidates(
    ctx.db,
    {
      excludeId,
      emails: subject.emails.map((e) => e.trim().toLowerCase()),
      phones: [...subject.phones],
      companyId: subject.companyId,
      lastName: subject.lastName,
    },
    contactVisibility(ctx),
    companyVisibility(ctx),
  );
  const found: ContactDuplicate[] = [];
  for (const { row, companyName } of candidates) {
    const reasons = contactDuplicateReasons(subject, identityOfRow(row));
    if (reasons.length > 0) found.push({ contact: toContact(row, companyName, ctx.actor), reasons });
  }
  return { data: found };
}

/** Visible contacts that look like this one (on demand, e.g. "find duplicates" on its page). */
export async function findContactDuplicates(ctx: ServiceContext, id: string) {
  const contact = await getContact(ctx, id);
  return duplicatesOf(
    ctx,
    {
      firstName: contact.firstName,
      lastName: contact.lastName,
      companyId: contact.companyId,
      emails: contact.emails.map((e) => e.value),
      phones: phonesOf(contact.phones.map((p) => p.value)),
    },
    id,
  );
}

/** Visible contacts like the one being typed in (the hint in the create dialog). */
export async function findContactMatches(ctx: ServiceContext, query: z.infer<typeof contactMatchQuery>) {
  return duplicatesOf(
    ctx,
    {
      firstName: query.firstName ?? null,
      lastName: query.lastName ?? null,
      companyId: query.companyId ?? null,
      emails: query.email ? [query.email] : [],
      phones: phonesOf(query.phone ? [query.phone] : []),
    },
    null,
  );
}
