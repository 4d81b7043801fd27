import { z } from "zod";

/** The lists that export to CSV and XLSX (`GET /api/v1/<list>/export.csv|xlsx`). */
export const EXPORTABLE_LISTS = ["leads", "contacts", "companies", "deals", "activities"] as const;
export type ExportableList = (typeof EXPORTABLE_LISTS)[number];

/** What an export adds to a list's filters. */
export const exportOptions = {
  locale: z
    .enum(["de", "en"])
    .optional()
    .describe(
      "Write the file as the UI shows the list in this language (headers, labels, names, dates, numbers; `;` for de). Without it: field keys, codes, ids and ISO values, comma-separated",
    ),
  columns: z
    .preprocess(
      (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
      z.array(z.string().max(60)).max(100),
    )
    .optional()
    .describe("Comma-separated column keys (the view's columns), in the file's order; all when omitted"),
};
export interface ExportOptions {
  locale?: "de" | "en" | undefined;
  columns?: string[] | undefined;
}
