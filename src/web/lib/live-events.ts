import type { LiveEvent } from "@shared/schemas/deal";
import { useEffect, useRef } from "react";

/**
 * Live updates from `GET /api/v1/events` (server-sent events). One EventSource per tab, opened with
 * the first subscriber and closed with the last; the browser reconnects by itself. Events carry ids
 * only: a handler refetches (invalidates its queries), which goes through the permission check.
 *
 * A change made while the stream is not open never reaches the tab: before its first open (a page
 * asks for its data while its code loads, the stream opens a moment later) and while it reconnects.
 * So each subscriber's `resync(openedAt)` runs whenever the stream opens, and when a subscriber joins
 * an open stream: data asked for before `openedAt` (a `performance.now()` time) may lack a change
 * and is to be asked for again; data asked for later holds every change the stream does not carry.
 */
export type LiveEventType = LiveEvent["type"];
export type LiveHandler = (event: LiveEvent) => void;
/** Refetch what was asked for before the stream opened at `openedAt` (`performance.now()`). */
export type LiveResync = (openedAt: number) => void;
type Subscriber = { types: ReadonlySet<LiveEventType>; handler: LiveHandler; resync?: LiveResync };

const EVENTS_URL = "/api/v1/events";
const subscribers = new Set<Subscriber>();
let source: EventSource | null = null;
/** When the current stream's answer arrived (the server listens from then on); null while not open. */
let openedAt: number | null = null;

function dispatch(message: MessageEvent<string>) {
  let event: LiveEvent;
  try {
    event = JSON.parse(message.data) as LiveEvent;
  } catch {
    return;
  }
  for (const s of [...subscribers]) if (s.types.has(event.type)) s.handler(event);
}

let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryDelay = 2_000;

function open() {
  if (source || retryTimer || typeof EventSource === "undefined") return;
  const current = new EventSource(EVENTS_URL, { withCredentials: true });
  source = current;
  current.onmessage = dispatch;
  current.onerror = () => {
    openedAt = null;
    // The browser retries by itself while CONNECTING; an HTTP error (e.g. 401, 502) closes the source
    // for good, so reopen it later ourselves while anyone still listens.
    if (current.readyState !== EventSource.CLOSED) return;
    source = null;
    if (subscribers.size === 0) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      open();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60_000);
  };
  current.onopen = () => {
    retryDelay = 2_000;
    const at = performance.now();
    openedAt = at;
    for (const s of [...subscribers]) s.resync?.(at);
  };
}

function closeIfUnused() {
  if (subscribers.size > 0) return;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  source?.close();
  source = null;
  openedAt = null;
}

/**
 * Opens the stream before anyone subscribes (once the session is known): the more of a page's data
 * is asked for after the stream opened, the fewer requests its subscribers repeat. The stream stays
 * open for the subscribers to come (the header's bell is on every page) and closes with the last one.
 */
export function openLiveEvents(): void {
  open();
}

/**
 * Subscribes outside React (returns the unsubscribe function). `resync` runs when the stream opens
 * (first time and after an interruption) and at once if it is open already (see above).
 */
export function subscribeLiveEvents(
  types: readonly LiveEventType[],
  handler: LiveHandler,
  resync?: LiveResync,
): () => void {
  const subscriber: Subscriber = { types: new Set(types), handler, ...(resync ? { resync } : {}) };
  subscribers.add(subscriber);
  open();
  if (openedAt !== null) resync?.(openedAt);
  return () => {
    subscribers.delete(subscriber);
    closeIfUnused();
  };
}

/**
 * Calls `handler` for every live event of the given types while the component is mounted; the
 * latest handlers are used without resubscribing. `resync` (optional, for every subscriber that
 * shows data): refetch what was asked for before `openedAt`, e.g. with `refetchAskedBefore`.
 */
export function useLiveEvents(
  types: readonly LiveEventType[],
  handler: LiveHandler,
  resync?: LiveResync,
): void {
  const handlerRef = useRef(handler);
  const resyncRef = useRef(resync);
  handlerRef.current = handler;
  resyncRef.current = resync;
  const key = [...types].sort().join(",");
  useEffect(() => {
    const list = key.split(",").filter(Boolean) as LiveEventType[];
    return subscribeLiveEvents(
      list,
      (event) => handlerRef.current(event),
      (at) => resyncRef.current?.(at),
    );
  }, [key]);
}
