/**
 * A lead's fields, named once: the API schema, audit diffs, timeline wording, form values and the
 * CSV export take their lists from here, so a new field is added in one place.
 */

/** Who asked: the person half of the lead form, in its order. */
export const LEAD_PERSON_FIELDS = [
  "salutation",
  "title",
  "firstName",
  "lastName",
  "companyName",
  "jobTitle",
  "department",
  "email",
  "phone",
  "mobile",
  "website",
  "street",
  "postalCode",
  "city",
  "country",
] as const;
export type LeadPersonField = (typeof LEAD_PERSON_FIELDS)[number];

/** The person and inquiry fields of a lead, in the order forms, audit diffs and exports use them. */
export const LEAD_DATA_FIELDS = [
  "source",
  "sourceDetail",
  ...LEAD_PERSON_FIELDS,
  "interest",
  "estimatedValue",
] as const;

/**
 * What a `lead.updated` audit entry compares (stored columns: the estimated value's amount and its
 * currency apart). Status and lifecycle stage have entries of their own.
 */
export const LEAD_AUDITED_FIELDS = [
  ...LEAD_DATA_FIELDS,
  "currency",
  "ownerId",
  "teamId",
  "contactId",
  "companyId",
  "bant",
  "tags",
] as const;
export type LeadAuditedField = (typeof LEAD_AUDITED_FIELDS)[number];

/**
 * Audited fields a timeline names without quoting the values: half an address, long texts, ids
 * without a name to show, structured values (BANT has its own wording).
 */
export const LEAD_UNQUOTED_FIELDS = [
  "street",
  "postalCode",
  "interest",
  "teamId",
  "contactId",
  "companyId",
  "bant",
] as const satisfies readonly LeadAuditedField[];
