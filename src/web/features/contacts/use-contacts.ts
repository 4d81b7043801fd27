import type { RecordQuery } from "@web/features/records/record-api";
import { recordHooks } from "@web/features/records/record-hooks";
import { timelineKey } from "@web/features/timeline/use-record-timeline";
import { type ContactTypes, contactsApi } from "./contacts-api";

const hooks = recordHooks<ContactTypes, "contacts">(contactsApi, "contacts", {
  alsoRefresh: {
    // The company file lists the company's contacts.
    create: () => [["companies", "file"]],
    update: (id) => [["companies", "file"], timelineKey("contact", id)],
  },
});

export const contactKeys = hooks.keys;
export const useContactList = hooks.useList;
/** Contacts matching a search, for pickers. */
export const useContactSearch = hooks.useSearch;
/** One contact; asks only when there is an id. */
export const useContact = hooks.useRecord;
export const useCreateContact = hooks.useCreate;
/** PATCHes a contact; the caller sends the version it read, so a stale edit is a 409. */
export const useUpdateContact = hooks.useUpdate;
export const useContactDuplicates = hooks.useDuplicates;
export const useMergeContacts = hooks.useMerge;

/** Existing contacts like the one being typed in; asks once there is something to compare. */
export function useContactMatches(query: RecordQuery) {
  const enabled = Object.values(query).some((v) => typeof v === "string" && v.trim().length >= 3);
  return hooks.useMatches(query, enabled);
}
