import { type FocusEvent, type KeyboardEvent, type RefObject, useEffect, useRef, useState } from "react";

const ITEM = "[data-board-item]";
const COLUMN = "[data-board-column]";

interface Options {
  container: RefObject<HTMLElement | null>;
  /** The card that holds the tab stop when the user has not moved it yet (the first deal). */
  firstId: string | null;
}

const itemsOf = (column: Element) => Array.from(column.querySelectorAll<HTMLElement>(ITEM));

/** The card to go to for an arrow key, or null (no card that way). */
function neighbour(container: HTMLElement, from: HTMLElement, key: string): HTMLElement | null {
  const column = from.closest(COLUMN);
  if (!column) return null;
  const items = itemsOf(column);
  const index = items.indexOf(from);
  switch (key) {
    case "ArrowUp":
      return items[index - 1] ?? null;
    case "ArrowDown":
      return items[index + 1] ?? null;
    case "Home":
      return items[0] ?? null;
    case "End":
      return items.at(-1) ?? null;
    case "ArrowLeft":
    case "ArrowRight": {
      // The neighbouring column's first card; empty columns are skipped.
      const columns = Array.from(container.querySelectorAll(COLUMN));
      const step = key === "ArrowLeft" ? -1 : 1;
      for (let i = columns.indexOf(column) + step; i >= 0 && i < columns.length; i += step) {
        const first = columns[i] ? itemsOf(columns[i] as Element)[0] : undefined;
        if (first) return first;
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * The board is one tab stop (roving tabindex, #15 point 6): Tab reaches the card last focused, the
 * arrow keys move between cards (left and right to the neighbouring column's first card, up and
 * down within a column, Home and End), so the third column takes two key presses, not a hundred
 * Tabs. While a card is picked up (aria-pressed) the arrows belong to dnd-kit's keyboard sensor.
 * After a keyboard drop the moved card, mounted anew in its new column, gets the focus back.
 */
export function useBoardKeyboard({ container, firstId }: Options) {
  const [focusId, setFocusId] = useState<string | null>(null);
  const pending = useRef<{ id: string; stageId: string } | null>(null);

  // A focused card that left the board (won, converted, filtered out) hands the tab stop back.
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    if (focusId && !root.querySelector(`[data-board-item="${CSS.escape(focusId)}"]`)) setFocusId(null);
    const wanted = pending.current;
    if (!wanted) return;
    const target = root.querySelector<HTMLElement>(
      `[data-stage-id="${CSS.escape(wanted.stageId)}"] [data-board-item="${CSS.escape(wanted.id)}"]`,
    );
    if (target) {
      pending.current = null;
      if (document.activeElement !== target) target.focus();
    }
  });

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const root = container.current;
    const from = event.target instanceof HTMLElement ? event.target : null;
    if (!root || !from?.matches(ITEM) || from.getAttribute("aria-pressed") === "true") return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const to = neighbour(root, from, event.key);
    if (!to) return;
    event.preventDefault();
    setFocusId(to.dataset.boardItem ?? null);
    to.focus();
    to.scrollIntoView({ block: "nearest", inline: "nearest" });
  };

  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const item = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>(ITEM) : null;
    const id = item?.dataset.boardItem;
    if (id && id !== focusId) setFocusId(id);
  };

  return {
    tabbableId: focusId ?? firstId,
    /** Give the tab stop to a card, and the focus once it stands in `stageId` (after a keyboard drop). */
    focusAfterDrop: (id: string, stageId: string) => {
      pending.current = { id, stageId };
      setFocusId(id);
    },
    /** Focus the first card of a column (the stage strip's jump). */
    focusColumn: (stageId: string) => {
      const first = container.current?.querySelector<HTMLElement>(
        `[data-stage-id="${CSS.escape(stageId)}"] ${ITEM}`,
      );
      if (first) {
        setFocusId(first.dataset.boardItem ?? null);
        first.focus({ preventScroll: true });
      }
    },
    handlers: { onKeyDown, onFocus },
  };
}
