import {
  CONTACT_CONSENT_FIELDS,
  CONTACT_JOB_FIELDS,
  CONTACT_NAME_FIELDS,
} from "@domain/contacts/contact-fields";
import { contactVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { streamCsv } from "@server/modules/record-lists/csv-stream";
import { bulkUpdateRecords } from "@server/modules/record-lists/record-bulk";
import type { ContactListQuery } from "@shared/schemas/contact";
import type { BulkRecordInput } from "@shared/schemas/record-bulk";
import * as repo from "./contact.repository";
import { listContacts } from "./contact.service";

export function bulkUpdateContacts(ctx: ServiceContext, input: BulkRecordInput) {
  return bulkUpdateRecords(ctx, input, {
    entity: "contact",
    lock: (tx, ids) => repo.findContactsForUpdate(tx, ids, contactVisibility(ctx)),
    update: (tx, id, values) => repo.updateContactRow(tx, id, values),
  });
}

export const CONTACT_EXPORT_COLUMNS = [
  "id",
  ...CONTACT_NAME_FIELDS,
  "companyName",
  ...CONTACT_JOB_FIELDS,
  "email",
  "emails",
  "phone",
  "phones",
  "street",
  "postalCode",
  "city",
  "country",
  "birthday",
  "leadSource",
  "ownerId",
  "teamId",
  "tags",
  ...CONTACT_CONSENT_FIELDS,
  "createdAt",
  "updatedAt",
] as const;

/** Every contact matching the list filters as CSV, streamed (see `streamCsv`). */
export function exportContactsCsv(ctx: ServiceContext, query: ContactListQuery) {
  return streamCsv(
    CONTACT_EXPORT_COLUMNS,
    (cursor) => listContacts(ctx, { ...query, limit: 1000, cursor: cursor ?? undefined }),
    (c) => {
      const address = c.addresses[0];
      return {
        ...c,
        emails: c.emails.map((e) => e.value).join(", "),
        phones: c.phones.map((p) => p.value).join(", "),
        street: address?.street,
        postalCode: address?.postalCode,
        city: address?.city,
        country: address?.country,
        tags: c.tags.join(", "),
        marketingConsent: c.marketingConsent.given ? "yes" : "no",
        consentSource: c.marketingConsent.source,
        consentAt: c.marketingConsent.at,
      };
    },
  );
}
