/**
 * A contact's emails and phones (PRODUCT.md "several emails and phones with a type and one primary
 * each"). The primary entry is mirrored into single columns for search and duplicate matching.
 */
export interface ContactPoint<T extends string = string> {
  value: string;
  type: T;
  primary: boolean;
}

/** Exactly one primary entry when the list is not empty: the marked one, else the first. */
export function withOnePrimary<T extends string>(points: readonly ContactPoint<T>[]): ContactPoint<T>[] {
  const marked = points.findIndex((p) => p.primary);
  const primaryIndex = marked === -1 ? 0 : marked;
  return points.map((p, i) => ({ ...p, primary: i === primaryIndex }));
}

export function primaryValue(points: readonly ContactPoint[]): string | null {
  return withOnePrimary(points).find((p) => p.primary)?.value ?? null;
}

/**
 * Applies the single-value shortcut (`email` / `phone` in a request) to a list: a value already listed
 * becomes the primary one, a new value is added in front as primary, null drops the primary entry.
 */
export function applyPrimaryShortcut<T extends string>(
  points: readonly ContactPoint<T>[],
  shortcut: string | null | undefined,
  typeForNew: T,
  same: (a: string, b: string) => boolean,
): ContactPoint<T>[] {
  if (shortcut === undefined) return withOnePrimary(points);
  const normalised = withOnePrimary(points);
  if (shortcut === null) return withOnePrimary(normalised.filter((p) => !p.primary));
  const listed = normalised.findIndex((p) => same(p.value, shortcut));
  if (listed !== -1) return normalised.map((p, i) => ({ ...p, primary: i === listed }));
  return [
    { value: shortcut, type: typeForNew, primary: true },
    ...normalised.map((p) => ({ ...p, primary: false })),
  ];
}

export const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
export const sameDigits = (a: string, b: string) => a.replace(/\D/g, "") === b.replace(/\D/g, "");
