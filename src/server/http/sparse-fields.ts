/**
 * A page of records cut down to the fields a client asked for (`fields=`, issue #22 point 7), with id and
 * version always; the whole records without `fields`. The records are mapped first, so a field reads
 * exactly as on the record's own page.
 */
export function pickFields<T extends { id: string; version: number }>(
  page: { data: T[]; nextCursor: string | null },
  fields: readonly (keyof T)[] | undefined,
): { data: (Partial<T> & Pick<T, "id" | "version">)[]; nextCursor: string | null } {
  if (!fields) return page;
  const keep = new Set<PropertyKey>(["id", "version", ...fields]);
  return {
    ...page,
    data: page.data.map(
      (record) =>
        Object.fromEntries(Object.entries(record).filter(([key]) => keep.has(key))) as Partial<T> &
          Pick<T, "id" | "version">,
    ),
  };
}
