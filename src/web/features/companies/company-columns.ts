/** Optional columns of the company list, in display order; the name column is always shown. */
export const COMPANY_COLUMNS = [
  "industry",
  "contacts",
  "openDeals",
  "lastActivity",
  "website",
  "phone",
  "email",
  "size",
  "city",
  "vatId",
  "owner",
  "tags",
  "createdAt",
  "updatedAt",
] as const;
export type CompanyColumn = (typeof COMPANY_COLUMNS)[number];

/**
 * What the list shows at first: who the company is, how much is going on with it (contacts, open
 * deals, last activity) and its tags; "created" is one click away (issue #23 point 4).
 */
export const DEFAULT_COMPANY_COLUMNS: readonly CompanyColumn[] = [
  "industry",
  "contacts",
  "openDeals",
  "lastActivity",
  "city",
  "tags",
];
