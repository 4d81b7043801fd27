import { useState } from "react";

/** Which rows are ticked for bulk work. */
export interface RowSelection {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  /** Ticks all given rows, or unticks them when all are ticked already. */
  toggleAll: (ids: string[]) => void;
  clear: () => void;
}

export function useRowSelection(): RowSelection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  return {
    selected,
    toggle: (id) =>
      setSelected((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    toggleAll: (ids) =>
      setSelected((current) => (ids.every((id) => current.has(id)) ? new Set() : new Set(ids))),
    clear: () => setSelected(new Set()),
  };
}
