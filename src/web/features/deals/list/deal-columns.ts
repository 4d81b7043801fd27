import type { DealSortField } from "./deal-list-params";

/** Optional columns, in display order; the title column is always shown. */
export const DEAL_COLUMNS = [
  "company",
  "pipeline",
  "stage",
  "status",
  "amount",
  "probability",
  "weighted",
  "expectedCloseDate",
  "owner",
  "contact",
  "daysInStage",
  "createdAt",
  "updatedAt",
] as const;
export type DealColumn = (typeof DEAL_COLUMNS)[number];

export const DEFAULT_COLUMNS: readonly DealColumn[] = [
  "company",
  "stage",
  "status",
  "amount",
  "probability",
  "expectedCloseDate",
  "owner",
  "createdAt",
];

export const COLUMN_SORT: Partial<Record<DealColumn, DealSortField>> = {
  amount: "amount",
  expectedCloseDate: "expectedCloseDate",
  createdAt: "createdAt",
  updatedAt: "updatedAt",
};
