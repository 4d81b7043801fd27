import type { LeadSortField } from "./lead-list-params";

/** Optional columns of the list, in display order; the name column is always shown. */
export const LEAD_COLUMNS = [
  "company",
  "status",
  "lifecycle",
  "owner",
  "score",
  "bant",
  "estimatedValue",
  "createdAt",
  "contact",
  "source",
  "tags",
  "lastActivity",
  "updatedAt",
] as const;
export type LeadColumn = (typeof LEAD_COLUMNS)[number];

/**
 * What matters for triage, fitting a 1440 px screen; the email shows under the name meanwhile, and the
 * rest is one click away in the column chooser.
 */
export const DEFAULT_COLUMNS: readonly LeadColumn[] = [
  "company",
  "status",
  "lifecycle",
  "owner",
  "score",
  "bant",
  "estimatedValue",
  "createdAt",
];

/** Columns the server can sort by, with the sort key it expects. */
export const COLUMN_SORT: Partial<Record<LeadColumn, LeadSortField>> = {
  company: "companyName",
  score: "score",
  estimatedValue: "estimatedValue",
  createdAt: "createdAt",
  updatedAt: "updatedAt",
};

export const isLeadColumn = (value: unknown): value is LeadColumn =>
  LEAD_COLUMNS.some((column) => column === value);
