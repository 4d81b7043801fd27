import { useLocalStorage } from "@mantine/hooks";
import { useMemo } from "react";

/** Known columns in display order, whatever order or junk a saved view or localStorage holds. */
export const normalizeColumnChoice = <C extends string>(all: readonly C[], values: readonly unknown[]): C[] =>
  all.filter((column) => values.includes(column));

/**
 * The optional columns a user shows in one list: personal, so kept in localStorage (and in saved
 * views), not in the URL.
 */
export function useColumnChoice<C extends string>(
  storageKey: string,
  all: readonly C[],
  defaults: readonly C[],
) {
  const [stored, setStored] = useLocalStorage<string[]>({
    key: storageKey,
    defaultValue: [...defaults],
    getInitialValueInEffect: false,
  });
  const columns = useMemo(() => normalizeColumnChoice(all, stored), [all, stored]);
  return [columns, (next: readonly unknown[]) => setStored(normalizeColumnChoice(all, next))] as const;
}
