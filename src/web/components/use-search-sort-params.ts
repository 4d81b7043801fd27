import { useSearchParamsUpdate } from "./use-search-params-update";

export interface ListSort<F extends string> {
  field: F;
  descending: boolean;
}

export const sortParam = <F extends string>(sort: ListSort<F>) =>
  `${sort.descending ? "-" : ""}${sort.field}`;

/**
 * A list's search text and sort, kept in the URL (q, sort) so a reload or a shared link shows the
 * same list. Writes replace the history entry: typing must not fill the back button.
 */
export function useSearchSortParams<F extends string>(
  fields: readonly F[],
  defaultSort: ListSort<F>,
  /** Sort fields not known ahead (a custom field's `cf.<key>`). */
  accepts?: (raw: string) => raw is F,
) {
  const [params, update] = useSearchParamsUpdate();
  const raw = params.get("sort");
  const descending = raw?.startsWith("-") ?? false;
  const name = (descending ? raw?.slice(1) : raw) ?? "";
  const field = fields.find((f) => f === name) ?? (accepts?.(name) ? name : undefined);
  const sort: ListSort<F> = field ? { field, descending } : defaultSort;
  const q = params.get("q") ?? "";

  const write = (key: string, value: string | null) =>
    update((next) => {
      if (value) next.set(key, value);
      else next.delete(key);
    });

  return {
    q,
    sort,
    /** Sets (or with null removes) another parameter of the list, such as a filter. */
    setParam: write,
    setQ: (value: string) => write("q", value.trim() || null),
    setSort: (next: ListSort<F>) =>
      write("sort", sortParam(next) === sortParam(defaultSort) ? null : sortParam(next)),
    /** The sort the header click asks for: the other direction, or a new column's natural one. */
    toggle: (next: F, ascendingFirst: boolean): ListSort<F> =>
      sort.field === next
        ? { field: next, descending: !sort.descending }
        : { field: next, descending: !ascendingFirst },
    direction: (of: F) => (sort.field === of ? (sort.descending ? "descending" : "ascending") : null),
  };
}
