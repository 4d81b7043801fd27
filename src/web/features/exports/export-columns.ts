import type { ExportableList } from "@shared/schemas/export";

/**
 * Which export columns (server keys, see modules/exports/export-columns.ts) each column of a list's
 * table stands for, so a file holds the view's columns. The name columns always come first, as
 * the table always shows the name; a table column with nothing to export (a computed one) maps to none.
 */
const NAME_COLUMNS: Record<ExportableList, string[]> = {
  leads: ["salutation", "firstName", "lastName", "email"],
  contacts: ["salutation", "firstName", "lastName", "letterSalutation"],
  companies: ["name"],
  deals: ["title"],
  activities: ["type", "subject", "occursAt", "done"],
};

const TABLE_TO_EXPORT: Record<ExportableList, Record<string, string[]>> = {
  leads: {
    company: ["companyName"],
    status: ["status"],
    lifecycle: ["lifecycleStage"],
    owner: ["ownerId", "teamId"],
    score: ["score"],
    bant: ["bantQualified"],
    estimatedValue: ["estimatedValue", "currency"],
    contact: [],
    source: ["source", "sourceDetail"],
  },
  contacts: {
    company: ["companyName"],
    city: ["postalCode", "city", "addressBlock"],
    owner: ["ownerId", "teamId"],
  },
  companies: { city: ["billingPostalCode", "billingCity", "addressBlock"], owner: ["ownerId", "teamId"] },
  deals: {
    company: ["companyName"],
    pipeline: ["pipelineId"],
    stage: ["stageId"],
    amount: ["amount", "currency"],
    weighted: [],
    owner: ["ownerId"],
    contact: ["contacts"],
  },
  activities: {},
};

/** The export's `columns=` for the table columns shown; a column without a mapping keeps its name. */
export function exportColumnsOf(list: ExportableList, shown: readonly string[]): string[] {
  const mapped = shown.flatMap((column) => TABLE_TO_EXPORT[list][column] ?? [column]);
  return [...new Set([...NAME_COLUMNS[list], ...mapped])];
}
