import pg from "pg";

/** While the server is unreachable a request fails after this long (503) instead of hanging. */
const CONNECT_TIMEOUT_MS = 5_000;

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: Error | boolean) => void,
) => void;

/**
 * The pg Pool behind Drizzle, made to survive a database restart.
 *
 * - A client that loses its connection emits 'error'; without a listener that crashes the process.
 *   pg-pool listens only while a client is idle (and then drops it), so every client gets its own
 *   listener: when PostgreSQL restarts, a transaction between two statements gets the error there,
 *   its next statement fails (answered 503), and the pool drops the client on release.
 * - Drizzle's `transaction()` sends BEGIN before the try/finally that releases the client, so a BEGIN
 *   on a connection that just died leaks the client for good, and a few such leaks starve the pool
 *   (drizzle-team/drizzle-orm#6241, open in 0.45). A client checked out with `connect()` is therefore
 *   handed back to the pool (which destroys it) as soon as its connection fails; its holder's later
 *   `release()` is then a no-op. Its queries fail as they would anyway: the connection is gone.
 */
class RestartSafePool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | undefined {
    // pool.query checks out with a callback and always releases; only promise holders need the guard.
    if (callback) {
      super.connect(callback);
      return undefined;
    }
    return super.connect().then(releasedOnConnectionLoss);
  }
}

function releasedOnConnectionLoss(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const onError = (error: Error) => {
    if (released) return;
    released = true;
    release(error);
  };
  client.once("error", onError);
  client.release = (error?: Error | boolean) => {
    client.off("error", onError);
    if (released) return;
    released = true;
    release(error);
  };
  return client;
}

export function createPool(url: string, size: number): pg.Pool {
  const pool = new RestartSafePool({
    connectionString: url,
    max: size,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Notices a connection the network dropped silently, so it is not handed to a request.
    keepAlive: true,
  });
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}
