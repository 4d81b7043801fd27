import type { Contact, ContactListItem, createContactBody, updateContactBody } from "@shared/schemas/contact";
import type {
  ContactDuplicate,
  contactMergeBody,
  contactMergeResult,
} from "@shared/schemas/duplicates-merge";
import type { VcardImportResult } from "@shared/schemas/vcard";
import { apiRequest, apiUrl } from "@web/api/api-client";
import { recordApi } from "@web/features/records/record-api";
import type { z } from "zod";

export type { Contact, ContactDuplicate, ContactListItem, VcardImportResult };
export type UpdateContactRequest = z.input<typeof updateContactBody>;

/** The types the contact API speaks, for the shared record hooks. */
export interface ContactTypes {
  record: Contact;
  listItem: ContactListItem;
  create: z.input<typeof createContactBody>;
  update: UpdateContactRequest;
  duplicate: ContactDuplicate;
  merge: z.input<typeof contactMergeBody>;
  merged: z.infer<typeof contactMergeResult>;
}

const records = recordApi<ContactTypes>("/contacts");

export const contactsApi = {
  ...records,
  importVcard: (text: string) =>
    apiRequest<VcardImportResult>("/contacts/import/vcard", {
      method: "POST",
      rawBody: { contentType: "text/vcard", text },
    }),
  vcardUrl: (id: string) => apiUrl(`${records.path(id)}/vcard`, {}),
};

/** A contact as people say it: academic title, first and last name. */
export const contactDisplayName = (contact: Pick<Contact, "title" | "firstName" | "lastName">) =>
  [contact.title, contact.firstName, contact.lastName].filter(Boolean).join(" ");
