import type { LiveEvent } from "@shared/schemas/deal";
import { useEffect, useRef } from "react";

/**
 * Live updates from `GET /api/v1/events` (server-sent events). One EventSource per tab, opened with
 * the first subscriber and closed with the last; the browser reconnects by itself. Events carry ids
 * only: a handler refetches (invalidates its queries), which goes through the permission check.
 * After a reconnect, events sent meanwhile are lost, so subscribers get `{ reconnected: true }`
 * and should refetch what they show.
 */
export type LiveEventType = LiveEvent["type"];
export type LiveHandler = (event: LiveEvent) => void;
type Subscriber = { types: ReadonlySet<LiveEventType>; handler: LiveHandler; onReconnect?: () => void };

const EVENTS_URL = "/api/v1/events";
const subscribers = new Set<Subscriber>();
let source: EventSource | null = null;
let hadError = false;

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
    hadError = true;
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
    if (!hadError) return;
    hadError = false;
    for (const s of [...subscribers]) s.onReconnect?.();
  };
}

function closeIfUnused() {
  if (subscribers.size > 0) return;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  source?.close();
  source = null;
  hadError = false;
}

/**
 * Subscribes outside React (returns the unsubscribe function). `onReconnect` runs after the stream
 * came back from an interruption, when events may have been missed.
 */
export function subscribeLiveEvents(
  types: readonly LiveEventType[],
  handler: LiveHandler,
  onReconnect?: () => void,
): () => void {
  const subscriber: Subscriber = { types: new Set(types), handler, ...(onReconnect ? { onReconnect } : {}) };
  subscribers.add(subscriber);
  open();
  return () => {
    subscribers.delete(subscriber);
    closeIfUnused();
  };
}

/**
 * Calls `handler` for every live event of the given types while the component is mounted; the
 * latest handler is used without resubscribing. `onReconnect` (optional) runs after the stream
 * recovered from an interruption: refetch what the component shows.
 */
export function useLiveEvents(
  types: readonly LiveEventType[],
  handler: LiveHandler,
  onReconnect?: () => void,
): void {
  const handlerRef = useRef(handler);
  const reconnectRef = useRef(onReconnect);
  handlerRef.current = handler;
  reconnectRef.current = onReconnect;
  const key = [...types].sort().join(",");
  useEffect(() => {
    const list = key.split(",").filter(Boolean) as LiveEventType[];
    return subscribeLiveEvents(
      list,
      (event) => handlerRef.current(event),
      () => reconnectRef.current?.(),
    );
  }, [key]);
}
