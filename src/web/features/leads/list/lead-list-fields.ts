import type { Lead, LeadField } from "@shared/schemas/lead";

/**
 * The fields the leads table shows in any of its columns (lead-cell.tsx, leads-table.tsx), asked for
 * with `fields=`: a page then carries about a third of the bytes of whole leads (no score reasons,
 * lifecycle times, address or inquiry), which the server, the network and the browser all feel at 50
 * rows a page (BENCHMARKS.md). The type makes a cell that reads another field fail the type check.
 */
export const LEAD_LIST_FIELDS = [
  "title",
  "firstName",
  "lastName",
  "companyName",
  "jobTitle",
  "email",
  "phone",
  "mobile",
  "status",
  "lifecycleStage",
  "source",
  "ownerId",
  "score",
  "bant",
  "estimatedValue",
  "tags",
  "createdAt",
  "updatedAt",
  "lastActivityAt",
] as const satisfies readonly LeadField[];

/** A row of the leads table. */
export type LeadListRow = Pick<Lead, (typeof LEAD_LIST_FIELDS)[number] | "id" | "version"> &
  Partial<Pick<Lead, "customFields">>;
