/** Optional columns of the contact list, in display order; the name column is always shown. */
export const CONTACT_COLUMNS = [
  "company",
  "jobTitle",
  "department",
  "email",
  "phone",
  "city",
  "lastActivity",
  "owner",
  "tags",
  "createdAt",
  "updatedAt",
] as const;
export type ContactColumn = (typeof CONTACT_COLUMNS)[number];

/** What the list shows at first; the rest is one click away. */
export const DEFAULT_CONTACT_COLUMNS: readonly ContactColumn[] = [
  "company",
  "jobTitle",
  "email",
  "phone",
  "lastActivity",
  "tags",
];
