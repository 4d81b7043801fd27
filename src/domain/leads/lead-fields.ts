/**
 * A lead's fields, named once: the API schema, audit diffs, timeline wording, form values and the
 * CSV export take their lists from here, so a new field is added in one place.
 */

export const LEAD_NAME_FIELDS = ["salutation", "title", "firstName", "lastName"] as const;
export const LEAD_WORK_FIELDS = ["companyName", "jobTitle", "department"] as const;
export const LEAD_REACH_FIELDS = ["email", "phone", "mobile", "website"] as const;
export const LEAD_ADDRESS_FIELDS = ["street", "postalCode", "city", "country"] as const;

/** Who asked: the person half of the lead form, in its order. */
export const LEAD_PERSON_FIELDS = [
  ...LEAD_NAME_FIELDS,
  ...LEAD_WORK_FIELDS,
  ...LEAD_REACH_FIELDS,
  ...LEAD_ADDRESS_FIELDS,
] as const;
export type LeadPersonField = (typeof LEAD_PERSON_FIELDS)[number];

/** What someone tells about themselves and their inquiry: what intake channels, imports and exports fill. */
export const LEAD_INQUIRY_FIELDS = [...LEAD_PERSON_FIELDS, "interest"] as const;
export type LeadInquiryField = (typeof LEAD_INQUIRY_FIELDS)[number];

/** The person and inquiry fields of a lead, in the order forms, audit diffs and exports use them. */
export const LEAD_DATA_FIELDS = [
  "source",
  "sourceDetail",
  ...LEAD_PERSON_FIELDS,
  "interest",
  "estimatedValue",
] as const;

/** Links to records a timeline has no name for at hand (the owner it names). */
const LEAD_RECORD_LINKS = ["teamId", "contactId", "companyId"] as const;

/**
 * What a `lead.updated` audit entry compares (stored columns: the estimated value's amount and its
 * currency apart). Status and lifecycle stage have entries of their own.
 */
export const LEAD_AUDITED_FIELDS = [
  ...LEAD_DATA_FIELDS,
  "currency",
  "ownerId",
  ...LEAD_RECORD_LINKS,
  "bant",
  "tags",
  "customFields",
] as const;
export type LeadAuditedField = (typeof LEAD_AUDITED_FIELDS)[number];

/**
 * Audited fields a timeline names without quoting the values: half an address, a long text, links
 * without a name, BANT (worded criterion by criterion).
 */
export const LEAD_UNQUOTED_FIELDS = [
  "street",
  "postalCode",
  "interest",
  ...LEAD_RECORD_LINKS,
  "bant",
  "customFields",
] as const;
