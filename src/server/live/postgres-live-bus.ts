import type { FastifyBaseLogger } from "fastify";
import pg from "pg";
import { type LiveBus, LocalFanout } from "./live-bus";
import type { LiveMessage } from "./live-message";

export const LIVE_CHANNEL = "leadwerk_live";
/** At most this long between attempts, so live events flow again within seconds of a database restart. */
const MAX_BACKOFF_MS = 5_000;

/**
 * The bus across app processes on one PostgreSQL: each process holds one dedicated connection that
 * LISTENs on `leadwerk_live` (pool connections are shared and may not keep a LISTEN), and publishes
 * with pg_notify through the pool. PostgreSQL delivers every notification to every listening session,
 * the publisher's own included, so local subscribers get it the same way as remote ones. A dropped
 * listener connection (a database restart) is re-established with backoff, and the open event
 * streams carry on.
 */
export async function postgresLiveBus(options: {
  url: string;
  pool: pg.Pool;
  log: FastifyBaseLogger;
}): Promise<LiveBus> {
  const fanout = new LocalFanout();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let backoff = 500;
  let dropped = false;

  const onNotification = (msg: pg.Notification) => {
    if (msg.channel !== LIVE_CHANNEL || !msg.payload) return;
    const message = parseMessage(msg.payload);
    if (message) fanout.deliver(message);
  };

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.url });
    next.on("notification", onNotification);
    next.on("error", (error) => {
      options.log.warn({ err: error }, "live listener connection failed; reconnecting");
      dropAndRetry(next);
    });
    next.on("end", () => dropAndRetry(next));
    await next.connect();
    await next.query(`listen ${LIVE_CHANNEL}`);
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    backoff = 500;
    if (dropped) {
      dropped = false;
      options.log.info("live listener reconnected");
    }
  }

  function dropAndRetry(which: pg.Client) {
    if (client !== which && client !== null) return;
    client = null;
    dropped = true;
    which.removeAllListeners("end");
    which.end().catch(() => {});
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect().catch((error: unknown) => {
        options.log.warn({ err: error }, "live listener could not reconnect");
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        scheduleReconnect();
      });
    }, backoff);
    retry.unref();
  }

  await connect();

  return {
    async publish(message) {
      try {
        await options.pool.query("select pg_notify($1, $2)", [LIVE_CHANNEL, JSON.stringify(message)]);
      } catch (error) {
        options.log.warn({ err: error }, "live event not published");
      }
    },
    subscribe: (listener) => fanout.subscribe(listener),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      fanout.clear();
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners("end");
        await current.end().catch(() => {});
      }
    },
  };
}

function parseMessage(payload: string): LiveMessage | null {
  try {
    const parsed = JSON.parse(payload) as unknown;
    if (parsed && typeof parsed === "object" && "event" in parsed && "audience" in parsed)
      return parsed as LiveMessage;
  } catch {
    // not ours
  }
  return null;
}
