/** The real app on the benchmark database, its API users and the data the operations need. */
import { type ChildProcess, spawn } from "node:child_process";
import { type AddressInfo, createServer } from "node:net";
import { buildApp } from "@server/app";
import type { Database } from "@server/db/client";
import { webForms } from "@server/db/schema";
import { hashToken, newSecretToken } from "@server/modules/auth/secret-token";
import { insertToken } from "@server/modules/tokens/token.repository";
import { findUserByEmail } from "@server/modules/users/user.repository";
import { buildUser } from "@test/factories";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { ensureBulkOwners } from "../seed/bulk/bulk-people";
import type { BenchDatabase } from "./bench-database";
import { type CustomFieldFixture, loadCustomFieldFixture } from "./custom-field-bench";

export interface BenchActor {
  role: "sales" | "manager";
  userId: string;
  teamId: string | null;
  token: string;
}

export interface RunningApp {
  app: FastifyInstance;
  port: number;
}

/** buildApp as main.ts does it, listening on 127.0.0.1 and a free port. */
export async function startApp(bench: BenchDatabase): Promise<RunningApp> {
  const app = await buildApp(bench.config, { database: bench.database, logger: false });
  await app.listen({ host: "127.0.0.1", port: 0 });
  return { app, port: (app.server.address() as AddressInfo).port };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitUntilHealthy(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app process on port ${port} exited (${child.exitCode})`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`app process on port ${port} did not answer within 60 s`);
}

export interface AppProcesses {
  ports: number[];
  stop(): Promise<void>;
}

/**
 * `count` app processes as `npm start` runs them (src/server/main.ts), each with its own pool, on the
 * same PostgreSQL: the "several stateless processes" setup of the README.
 */
export async function startAppProcesses(databaseUrl: string, count: number): Promise<AppProcesses> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
          }),
      ),
    );
  };
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          DATABASE_POOL_SIZE: "10",
          PORT: String(port),
          HOST: "127.0.0.1",
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "inherit", "inherit"],
      });
      children.push(child);
      await waitUntilHealthy(port, child);
      ports.push(port);
    }
    return { ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function apiToken(database: Database, userId: string): Promise<string> {
  const token = newSecretToken("lw_");
  await insertToken(database.db, {
    userId,
    name: "bench",
    prefix: token.slice(0, 9),
    tokenHash: hashToken(token),
  });
  return token;
}

/**
 * A salesperson of the first bulk team (sees their team's leads and their own: the narrower, usual
 * case) and a manager (sees everything), each with an API token.
 */
export async function createActors(database: Database): Promise<{ sales: BenchActor; manager: BenchActor }> {
  const { owners } = await ensureBulkOwners(database.db);
  const seller = owners[0];
  if (!seller) throw new Error("no bulk salespeople");
  const email = "bench.manager@leadwerk.test";
  const manager =
    (await findUserByEmail(database.db, email)) ??
    (await buildUser(database.db, { role: "manager", team: null, email, name: "Bench Manager" }));
  return {
    sales: {
      role: "sales",
      userId: seller.id,
      teamId: seller.teamId,
      token: await apiToken(database, seller.id),
    },
    manager: {
      role: "manager",
      userId: manager.id,
      teamId: null,
      token: await apiToken(database, manager.id),
    },
  };
}

export interface Fixtures {
  /** Leads the salesperson may read. */
  readIds: string[];
  /** Editable leads (new, assigned, in process) the salesperson may change, with their versions. */
  patchTargets: { id: string; version: number }[];
  /** Subscriber numbers of German landlines of visible leads, as a user types them into search. */
  phoneDigits: string[];
  /** The cursor that opens a deep page of the default list: page 50, or the last one of a short list. */
  deepPage: { page: number; cursor: string };
  /** A web form for the public submissions (limits lifted: the load comes from one address). */
  form: { key: string; knownEmails: string[] };
  /**
   * The rarest last name of the seeded leads (letters only, at least six), with how many live leads
   * hold it anywhere in their search text: fewer than a page, so a search for it reads every match.
   */
  rareWord: { word: string; leads: number };
  /** Issue #20: the custom fields of seed-custom-fields.ts, when the database has them. */
  customFields: CustomFieldFixture | null;
}

export async function loadFixtures(database: Database, actor: BenchActor, port: number): Promise<Fixtures> {
  const visible = sql`deleted_at is null and (owner_id = ${actor.userId} or team_id = ${actor.teamId})`;
  const rows = <T>(query: ReturnType<typeof sql>) =>
    database.db.execute(query).then((r) => (r as unknown as { rows: T[] }).rows);
  const readIds = (
    await rows<{ id: string }>(sql`select id from leads where ${visible} order by random() limit 2000`)
  ).map((r) => r.id);
  const patchTargets = await rows<{ id: string; version: number }>(
    sql`select id, version from leads where ${visible} and status in ('new', 'assigned', 'in_process') order by random() limit 800`,
  );
  const phoneDigits = (
    await rows<{ phone: string }>(
      sql`select phone from leads where ${visible} and country = 'DE' and phone is not null order by random() limit 200`,
    )
  ).map((r) => r.phone.split(" ").at(-1) ?? r.phone);
  const [form] = await database.db
    .insert(webForms)
    .values({
      key: `bench-${Date.now()}`,
      name: "Benchmark-Formular",
      fields: ["firstName", "lastName", "companyName", "email", "phone", "interest"].map((field) => ({
        field,
        label: { de: field, en: field },
        required: false,
      })),
      minFillSeconds: 0,
      limitPerClient: 100_000_000,
      limitPerForm: 100_000_000,
    })
    .returning({ key: webForms.key });
  const knownEmails = (
    await rows<{ email: string }>(
      sql`select email from leads where email is not null order by random() limit 250`,
    )
  ).map((r) => r.email);
  return {
    readIds,
    patchTargets,
    phoneDigits,
    rareWord: await rarestLastName(rows),
    deepPage: await cursorOfPage(port, actor.token, 50),
    form: { key: form?.key ?? "", knownEmails },
    customFields: await loadCustomFieldFixture(database),
  };
}

async function rarestLastName(
  rows: <T>(query: ReturnType<typeof sql>) => Promise<T[]>,
): Promise<{ word: string; leads: number }> {
  // The rarest names by themselves may be parts of common ones ("sussmann" of "Süßmann"): of the 20
  // rarest, the one the fewest search texts hold.
  const candidates = await rows<{ word: string }>(
    sql`select lower(last_name) as word from leads where deleted_at is null and last_name ~ '^[A-Za-z]{6,}$'
        group by 1 order by count(*), 1 limit 20`,
  );
  let rarest: { word: string; leads: number } | null = null;
  for (const { word } of candidates) {
    const [found] = await rows<{ n: number }>(
      sql`select count(*)::int as n from leads where deleted_at is null and search_text like ${`%${word}%`}`,
    );
    const n = found?.n ?? 0;
    if (!rarest || n < rarest.leads) rarest = { word, leads: n };
  }
  if (!rarest) throw new Error("no seeded last names");
  return rarest;
}

async function cursorOfPage(
  port: number,
  token: string,
  page: number,
): Promise<{ page: number; cursor: string }> {
  let cursor = "";
  for (let p = 1; p < page; p++) {
    const url = `http://127.0.0.1:${port}/api/v1/leads?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { nextCursor: string | null };
    if (!body.nextCursor) {
      if (!cursor) throw new Error("the list has a single page; seed more leads");
      return { page: p, cursor };
    }
    cursor = body.nextCursor;
  }
  return { page, cursor };
}
