import type { FastifyInstance } from "fastify";
import { type LiveBus, memoryLiveBus } from "./live-bus";
import { postgresLiveBus } from "./postgres-live-bus";

declare module "fastify" {
  interface FastifyInstance {
    /** The live-update bus; publish after a change committed (`app.live.publish(message)`). */
    live: LiveBus;
    /** Ends every open event stream (called before the server closes, so close does not wait on them). */
    endLiveStreams: Set<() => void>;
  }
}

/** Decorates `app.live` (PostgreSQL: LISTEN/NOTIFY across processes; PGlite: in memory) and closes it with the app. */
export async function registerLive(app: FastifyInstance): Promise<void> {
  const { database, config } = app;
  const bus =
    database.kind === "postgres" && database.pool && config.database.kind === "postgres"
      ? await postgresLiveBus({ url: config.database.url, pool: database.pool, log: app.log })
      : memoryLiveBus(database);
  app.decorate("live", bus);
  app.decorate("endLiveStreams", new Set<() => void>());
  app.addHook("preClose", async () => {
    for (const end of [...app.endLiveStreams]) end();
  });
  app.addHook("onClose", async () => {
    await bus.close();
  });
}
