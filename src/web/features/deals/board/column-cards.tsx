import type { Deal, Stage } from "@shared/schemas/deal";
import {
  defaultRangeExtractor,
  measureElement,
  type Range,
  useVirtualizer,
  type Virtualizer,
} from "@tanstack/react-virtual";
import type { Formatters } from "@web/i18n/use-format";
import { useCallback, useEffect, useMemo } from "react";
import type { BoardDensity } from "./board-density";
import { type CardActions, SortableDealCard } from "./deal-card";

/** First guesses of a card's height (px) until it is measured; compact cards are two lines. */
const ESTIMATED_HEIGHT: Record<BoardDensity, number> = { comfortable: 116, compact: 50 };
/** Cards rendered beyond the visible ones, so a short scroll or an arrow key finds them there. */
const OVERSCAN = 4;
/** The next page is asked for when the visible cards come this close to the last loaded one. */
const LOAD_AHEAD = 10;

/**
 * Card heights measured in any column, by density and deal. A card dropped into another column is
 * new to that column's virtualiser, which would read its height from the DOM at once (a forced
 * layout in the drop's commit, #21 point 3); the columns are equally wide, so the height it had is
 * taken instead, and the ResizeObserver corrects it a moment later if it differs.
 */
const knownHeights = new Map<string, number>();
const MAX_KNOWN_HEIGHTS = 5_000;

function cardMeasurer(density: BoardDensity) {
  return (
    element: Element,
    entry: ResizeObserverEntry | undefined,
    instance: Virtualizer<HTMLElement, Element>,
  ) => {
    const key = `${density}:${String(instance.options.getItemKey(instance.indexFromElement(element)))}`;
    const known = knownHeights.get(key);
    if (!entry && known !== undefined) return known;
    const size = measureElement(element, entry, instance);
    if (knownHeights.size >= MAX_KNOWN_HEIGHTS) knownHeights.clear();
    knownHeights.set(key, size);
    return size;
  };
}

interface ColumnCardsProps extends CardActions {
  /** The column's scrolling body, which the virtualiser measures and listens to. */
  scrollElement: HTMLElement | null;
  dealIds: readonly string[];
  getDeal: (id: string) => Deal | undefined;
  stage: Stage;
  medianDaysInStage: number | null;
  format: Formatters;
  density: BoardDensity;
  tabbableId: string | null;
  /** The card in hand (it stays mounted while the column scrolls, or dnd-kit would lose it). */
  activeId: string | null;
  /** Asks for the next page (the caller knows whether there is one and whether it is on its way). */
  onNearEnd: () => void;
}

/**
 * The column's cards, virtualised (#21 point 3): only the cards in view and a few around them are in
 * the DOM, however many the column has loaded, so a board of 10,000 deals renders and drags as fast
 * as a small one. Besides the visible range, these cards always stay mounted:
 * - the card in hand, so dnd-kit keeps its node while the column scrolls under a drag;
 * - the card with the board's tab stop and its two neighbours, so the focus never falls out of the
 *   DOM and the arrow keys (which read the DOM order, see use-board-keyboard.ts) find the true
 *   neighbour even after the column was scrolled away with the mouse wheel;
 * - the first and last loaded cards, for Home and End and the jump between columns.
 * Cards sit at their measured offsets (absolutely positioned), dnd-kit's sortable transform moves
 * the inner element, so both compose.
 */
export function ColumnCards(props: ColumnCardsProps) {
  const { scrollElement, dealIds, getDeal, stage, medianDaysInStage, format, density, tabbableId } = props;
  const { activeId, onNearEnd, onWon, onLost } = props;
  const gap = density === "compact" ? 4 : 6;

  const tabbableIndex = tabbableId === null ? -1 : dealIds.indexOf(tabbableId);
  const activeIndex = activeId === null ? -1 : dealIds.indexOf(activeId);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const pinned = new Set(defaultRangeExtractor(range));
      const keep = [0, range.count - 1, activeIndex];
      if (tabbableIndex >= 0) keep.push(tabbableIndex - 1, tabbableIndex, tabbableIndex + 1);
      for (const index of keep) if (index >= 0 && index < range.count) pinned.add(index);
      return [...pinned].sort((a, b) => a - b);
    },
    [activeIndex, tabbableIndex],
  );

  const virtualizer = useVirtualizer({
    count: dealIds.length,
    getScrollElement: () => scrollElement,
    estimateSize: () => ESTIMATED_HEIGHT[density],
    getItemKey: (index) => dealIds[index] ?? index,
    overscan: OVERSCAN,
    gap,
    rangeExtractor,
    measureElement: useMemo(() => cardMeasurer(density), [density]),
  });

  const lastVisible = virtualizer.range?.endIndex ?? 0;
  useEffect(() => {
    if (dealIds.length > 0 && lastVisible >= dealIds.length - LOAD_AHEAD) onNearEnd();
  }, [lastVisible, dealIds.length, onNearEnd]);

  return (
    <div style={{ position: "relative", height: virtualizer.getTotalSize(), flexShrink: 0 }}>
      {virtualizer.getVirtualItems().map((item) => {
        const id = dealIds[item.index];
        const deal = id === undefined ? undefined : getDeal(id);
        if (!deal) return null;
        return (
          <div
            key={item.key.toString()}
            ref={virtualizer.measureElement}
            data-index={item.index}
            style={{ position: "absolute", top: item.start, left: 0, right: 0 }}
          >
            <SortableDealCard
              deal={deal}
              stage={stage}
              medianDaysInStage={medianDaysInStage}
              format={format}
              onWon={onWon}
              onLost={onLost}
              density={density}
              tabbable={deal.id === tabbableId}
            />
          </div>
        );
      })}
    </div>
  );
}
