import type { Contact, createContactBody, updateContactBody } from "@shared/schemas/contact";
import { apiRequest, apiSend, type RequestOptions } from "@web/api/api-client";
import type { Page } from "@web/api/types";
import type { z } from "zod";

export type { Contact };
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
};

/** A contact as people say it: academic title, first and last name. */
export const contactDisplayName = (contact: Pick<Contact, "title" | "firstName" | "lastName">) =>
  [contact.title, contact.firstName, contact.lastName].filter(Boolean).join(" ");
