import type { LiveMessage } from "./live-message";

export type LiveListener = (message: LiveMessage) => void;

/**
 * The live-update bus of one app process. `publish` after the change committed; every process
 * sharing the database delivers the message to its own subscribers (the SSE streams), which filter
 * it per user. On PostgreSQL the processes meet on LISTEN/NOTIFY, on PGlite (one process) in memory.
 */
export interface LiveBus {
  /** Sends the message to every subscriber of every process; never rejects (a lost live event only delays a refresh). */
  publish(message: LiveMessage): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(listener: LiveListener): () => void;
  close(): Promise<void>;
}

/** Subscribers of one process; a failing listener never stops the others. */
export class LocalFanout {
  private readonly listeners = new Set<LiveListener>();

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  deliver(message: LiveMessage): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(message);
      } catch {
        // one broken stream must not starve the rest
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

/**
 * The single-process bus (PGlite): publish delivers in memory. App instances that share one open
 * database (tests' siblings) share its fanout, as processes sharing a PostgreSQL share its NOTIFY.
 */
const fanouts = new WeakMap<object, LocalFanout>();

export function memoryLiveBus(database: object): LiveBus {
  let fanout = fanouts.get(database);
  if (!fanout) {
    fanout = new LocalFanout();
    fanouts.set(database, fanout);
  }
  const shared = fanout;
  const own = new Set<() => void>();
  return {
    async publish(message) {
      // Asynchronously, like NOTIFY: the publisher's response never waits on slow listeners.
      queueMicrotask(() => shared.deliver(message));
    },
    subscribe(listener) {
      const unsubscribe = shared.subscribe(listener);
      own.add(unsubscribe);
      return () => {
        own.delete(unsubscribe);
        unsubscribe();
      };
    },
    async close() {
      for (const unsubscribe of own) unsubscribe();
      own.clear();
    },
  };
}
