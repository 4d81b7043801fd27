import { buildApp } from "@server/app";
import { loadConfig } from "@server/config";
import closeWithGrace from "close-with-grace";

const config = loadConfig();
const app = await buildApp(config);

// On SIGINT/SIGTERM: stop accepting connections, let running requests finish, close the database.
closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, "shutting down after an error");
  else app.log.info({ signal }, "shutting down");
  await app.close();
});

await app.listen({ port: config.port, host: config.host });
const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
const address = app.server.address();
const port = typeof address === "object" && address ? address.port : config.port;
app.log.info(`Leadwerk is running at http://${shownHost}:${port} (database: ${app.database.kind})`);
