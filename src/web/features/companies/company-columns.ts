/** Optional columns of the company list, in display order; the name column is always shown. */
export const COMPANY_COLUMNS = [
  "industry",
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

/** What the list showed before the chooser existed; the rest is one click away. */
export const DEFAULT_COMPANY_COLUMNS: readonly CompanyColumn[] = [
  "industry",
  "website",
  "phone",
  "createdAt",
];
