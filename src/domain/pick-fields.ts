/** The listed fields of a record, typed: how a field list of `src/domain` selects values. */
export function pickFields<T extends object, const K extends keyof T>(
  record: T,
  fields: readonly K[],
): Pick<T, K> {
  return Object.fromEntries(fields.map((field) => [field, record[field]])) as Pick<T, K>;
}
