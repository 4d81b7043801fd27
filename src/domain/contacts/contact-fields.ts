/**
 * A contact's fields, named once: merge plans, audit diffs, form values and the CSV export take
 * their lists from here, so a new field is added in one place.
 */

/** The name, in the order forms and the export show it. */
export const CONTACT_NAME_FIELDS = ["salutation", "title", "firstName", "lastName"] as const;
/** The job at the contact's company. */
export const CONTACT_JOB_FIELDS = ["jobTitle", "department"] as const;
/** Who the contact is: name, company and job (the person fields of the forms). */
export const CONTACT_PERSON_FIELDS = [...CONTACT_NAME_FIELDS, "companyId", ...CONTACT_JOB_FIELDS] as const;
export type ContactPersonField = (typeof CONTACT_PERSON_FIELDS)[number];

/** Single values: a merge takes each from one side. */
export const CONTACT_SCALAR_FIELDS = [
  ...CONTACT_PERSON_FIELDS,
  "birthday",
  "leadSource",
  "ownerId",
  "description",
] as const;
/** Lists: a merge keeps the entries of both sides. */
export const CONTACT_LIST_FIELDS = ["emails", "phones", "addresses"] as const;
/** Marketing consent as stored: given, where from, since when (one choice in a merge). */
export const CONTACT_CONSENT_FIELDS = ["marketingConsent", "consentSource", "consentAt"] as const;

/** Fields whose value the user picks from one side in the merge screen. */
export const CONTACT_MERGE_FIELDS = [
  ...CONTACT_SCALAR_FIELDS,
  "marketingConsent",
  ...CONTACT_LIST_FIELDS,
] as const;
export type ContactMergeField = (typeof CONTACT_MERGE_FIELDS)[number];

/** What `contact.updated` and `contact.merged` entries compare (stored columns). */
export const CONTACT_AUDITED_FIELDS = [
  ...CONTACT_SCALAR_FIELDS,
  "formality",
  ...CONTACT_LIST_FIELDS,
  ...CONTACT_CONSENT_FIELDS,
  "teamId",
  "tags",
  "customFields",
] as const;
