import type { CompanySuggestion, ContactSuggestion, ConversionSuggestions } from "./conversion-api";

/** One row of the merge preview as the suggestions answer it. */
export type MergeRow =
  | ContactSuggestion["merge"]["fields"][number]
  | CompanySuggestion["merge"]["fields"][number];
export type MergeChoice = MergeRow["choices"][number];
/** The dialog's choices for the chosen record, by field. */
export type MergeValues = Record<string, MergeChoice>;

type Part = "contact" | "company";

/** The preview of the record chosen in a part (none for a new record, no company or an unknown id). */
export function mergePreviewOf(s: ConversionSuggestions, part: Part, choice: string) {
  const list: { id: string; merge: ContactSuggestion["merge"] | CompanySuggestion["merge"] }[] =
    part === "contact" ? s.contacts : s.companies;
  return list.find((r) => r.id === choice)?.merge ?? null;
}

/** Keep, except where the record has no value: the server's preselection per row. */
export function defaultMergeValues(s: ConversionSuggestions, part: Part, choice: string): MergeValues {
  const preview = mergePreviewOf(s, part, choice);
  return Object.fromEntries((preview?.fields ?? []).map((row) => [row.field, row.suggested]));
}

/** The request's choices: only what takes something from the lead; undefined when nothing does. */
export function mergeRequestPart(values: MergeValues): MergeValues | undefined {
  const taken = Object.entries(values).filter(([, choice]) => choice !== "keep");
  return taken.length ? Object.fromEntries(taken) : undefined;
}
