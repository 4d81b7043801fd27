import type { FastifyInstance } from "fastify";
import { type LiveBus, memoryLiveBus } from "./live-bus";
import { LiveStreams, RECHECK_MS } from "./live-streams";
import { postgresLiveBus } from "./postgres-live-bus";

declare module "fastify" {
  interface FastifyInstance {
    /** The live-update bus; publish after a change committed (`app.live.publish(message)`). */
    live: LiveBus;
    /** The open event streams of this process: their users' rights are re-read while they stay open. */
    liveStreams: LiveStreams;
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
  app.decorate(
    "liveStreams",
    new LiveStreams(database.db, app.log, RECHECK_MS, (actor) => app.permissions.withRights(actor)),
  );
  // End the open streams before the server closes, so close does not wait on them.
  app.addHook("preClose", async () => {
    app.liveStreams.endAll();
  });
  app.addHook("onClose", async () => {
    await bus.close();
  });
}
