import type { Contact, createContactBody, updateContactBody } from "@shared/schemas/contact";
import type { ContactDuplicate, contactMergeBody } from "@shared/schemas/duplicates-merge";
import type { BulkRecordInput } from "@shared/schemas/record-bulk";
import type { VcardImportResult } from "@shared/schemas/vcard";
import { apiRequest, apiSend, apiUrl, type RequestOptions } from "@web/api/api-client";
import type { Page } from "@web/api/types";
import type { z } from "zod";

export type { Contact, ContactDuplicate, VcardImportResult };
export type ContactMergeRequest = z.input<typeof contactMergeBody>;
export interface BulkResult {
  updated: string[];
  skipped: { id: string; reason: string; code?: string }[];
}
export type CreateContactRequest = z.input<typeof createContactBody>;
export type UpdateContactRequest = z.input<typeof updateContactBody>;
/** Query parameters of GET /contacts. */
export type ContactQuery = NonNullable<RequestOptions["query"]>;

const path = (id: string) => `/contacts/${encodeURIComponent(id)}`;

export const contactsApi = {
  list: (query: ContactQuery, signal?: AbortSignal) =>
    apiRequest<Page<Contact>>("/contacts", { query, signal }),
  get: (id: string, signal?: AbortSignal) => apiRequest<Contact>(path(id), { signal }),
  create: (body: CreateContactRequest) => apiRequest<Contact>("/contacts", { method: "POST", body }),
  update: (id: string, body: UpdateContactRequest) =>
    apiRequest<Contact>(path(id), { method: "PATCH", body }),
  remove: (id: string) => apiSend(path(id), { method: "DELETE" }),
  duplicates: (id: string, signal?: AbortSignal) =>
    apiRequest<{ data: ContactDuplicate[] }>(`${path(id)}/duplicates`, { signal }),
  matches: (query: ContactQuery, signal?: AbortSignal) =>
    apiRequest<{ data: ContactDuplicate[] }>("/contacts/matches", { query, signal }),
  merge: (body: ContactMergeRequest) =>
    apiRequest<{ contact: Contact; moved: Record<string, number> }>("/contacts/merge", {
      method: "POST",
      body,
    }),
  bulk: (body: BulkRecordInput) => apiRequest<BulkResult>("/contacts/bulk", { method: "POST", body }),
  importVcard: (text: string) =>
    apiRequest<VcardImportResult>("/contacts/import/vcard", {
      method: "POST",
      rawBody: { contentType: "text/vcard", text },
    }),
  vcardUrl: (id: string) => apiUrl(`${path(id)}/vcard`, {}),
  exportUrl: (query: ContactQuery) => apiUrl("/contacts/export.csv", query),
};

/** A contact as people say it: academic title, first and last name. */
export const contactDisplayName = (contact: Pick<Contact, "title" | "firstName" | "lastName">) =>
  [contact.title, contact.firstName, contact.lastName].filter(Boolean).join(" ");
