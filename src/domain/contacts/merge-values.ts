/** Shared rules of a merge plan, for contacts and companies alike. */
export type MergeSide = "survivor" | "loser";

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

/**
 * The value a field takes: the side the user chose; without a choice the survivor's, unless it is
 * empty and the loser has one (a merge never throws information away that nobody chose against).
 */
export function pickValue<T>(survivor: T, loser: T, choice: MergeSide | undefined): T {
  if (choice === "loser") return loser;
  if (choice === "survivor") return survivor;
  return isEmpty(survivor) ? loser : survivor;
}

/** Both lists, the chosen side's entries first, each entry once by `key`. */
export function unionBy<T>(first: readonly T[], second: readonly T[], key: (v: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of [...first, ...second]) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}
