import type { ReactNode } from "react";
import type { MergeRow } from "./merge-table";

/** One field of a merge screen: what the survivor keeps of it is chosen per field. */
export interface MergeField<T> {
  /** The field's name in the merge request. */
  field: keyof T & string;
  label: string;
  show: (record: T) => ReactNode;
  /** Lists are kept from both sides; the choice only says whose entries come first. */
  list?: boolean;
  /** Whether there is nothing to choose; by default when both hold the same or the loser none. */
  same?: (survivor: T, loser: T) => boolean;
}

const isEmpty = (value: unknown) => !value || (Array.isArray(value) && value.length === 0);
const json = (value: unknown) => JSON.stringify(value ?? null);

/** The rows of the merge table: both sides' values of each field, and whether they differ. */
export function mergeRows<T>(fields: readonly MergeField<T>[], survivor: T, loser: T): MergeRow[] {
  return fields.map(({ field, label, show, list, same }) => ({
    field,
    label,
    survivor: show(survivor),
    loser: show(loser),
    same: same
      ? same(survivor, loser)
      : json(survivor[field]) === json(loser[field]) || isEmpty(loser[field]),
    ...(list ? { list } : {}),
  }));
}
