import { LEAD_LIST_FIELDS } from "@web/features/leads/list/lead-list-fields";
import type { BenchActor, Fixtures } from "./bench-app";
import { customFieldOperations } from "./custom-field-bench";
import type { LoadRequest } from "./load-worker";

export interface Operation {
  name: string;
  /** list and search have the latency goal (p95 < 50 ms on PostgreSQL). */
  kind: "list" | "search" | "read" | "write";
  actor: BenchActor;
  request: LoadRequest;
  /** Path whose SQL is EXPLAINed on PostgreSQL. */
  explainPath?: string;
  /** The p95 goal in ms when it is not the general 50 (report.ts). */
  goalMs?: number;
  /**
   * Issue #21 point 1: on PostgreSQL the same statements go through the bare `pg` driver right after,
   * at the same concurrency (raw-worker.ts), and the report gives app ÷ raw throughput.
   */
  raw?: boolean;
}

/** Issue #21 point 2: the lead list's search, frequent and rare words, also after an import. */
const LIST_SEARCH_GOAL_MS = 30;

const LEADS = "/api/v1/leads";
/** The list page asks for the fields its columns show (lead-list-fields.ts); so do the list operations. */
const FIELDS = `fields=${LEAD_LIST_FIELDS.join(",")}`;

const REPORTS = "/api/v1/reports";
/** The report endpoints of issue #18 (goal: p95 ≤ 200 ms at concurrency 8 on PostgreSQL). */
function reports(actor: BenchActor): Operation[] {
  const zone = "timeZone=Europe%2FBerlin";
  const get = (path: string): LoadRequest => ({ kind: "get", paths: [path] });
  const report = (name: string, path: string): Operation => ({
    name: `report ${name}`,
    kind: "read",
    actor,
    request: get(path),
  });
  return [
    report("dashboard", `${REPORTS}/dashboard?${zone}`),
    report("funnel, 12 months by month", `${REPORTS}/funnel?${zone}`),
    report("pipeline, 12 months", `${REPORTS}/pipeline?${zone}`),
    report("forecast", `${REPORTS}/forecast?${zone}`),
    report("health, first page", `${REPORTS}/health?${zone}`),
  ];
}

/**
 * What a CRM user does all day, as the salesperson; list and search again as a manager who sees all.
 * Reads come first and writes last (run.ts keeps that order), so every read sees the seeded data only.
 */
export function operations(
  actors: { sales: BenchActor; manager: BenchActor },
  fixtures: Fixtures,
): Operation[] {
  const { sales, manager } = actors;
  const get = (paths: string[]): LoadRequest => ({ kind: "get", paths });
  const page = `${LEADS}?${FIELDS}`;
  const whole = LEADS;
  const filtered = `${LEADS}?status=in_process&sort=-score&${FIELDS}`;
  const deep = `${LEADS}?cursor=${encodeURIComponent(fixtures.deepPage.cursor)}&${FIELDS}`;
  const { muller, globalSearch } = searchPaths(fixtures);
  const phones = fixtures.phoneDigits.map((digits) => `${LEADS}?q=${encodeURIComponent(digits)}&${FIELDS}`);
  // Nothing in the created leads matches the searches, so that writes cannot change what reads find.
  const bodies = Array.from({ length: 500 }, (_, i) =>
    JSON.stringify({
      source: "web_form",
      firstName: "Jürgen",
      lastName: `Bänsch ${i}`,
      companyName: `Bänsch Prüftechnik GmbH ${i}`,
      email: `juergen.baensch.${i}@baensch-prueftechnik.de`,
      phone: `+49 30 ${String(5_000_000 + i)}`,
      interest: "Benchmark-Anfrage",
    }),
  );
  const list = (actor: BenchActor): Operation[] => [
    { name: "list, default sort", kind: "list", actor, request: get([page]), explainPath: page, raw: true },
    {
      name: "list, status=in_process sort=-score",
      kind: "list",
      actor,
      request: get([filtered]),
      explainPath: filtered,
    },
    ...customFieldOperations(actor, fixtures.customFields, FIELDS),
  ];
  return [
    ...list(sales),
    {
      // What an API client gets without fields=: every field of every lead (about three times the bytes).
      name: "list, default sort, whole leads",
      kind: "list",
      actor: sales,
      request: get([whole]),
    },
    {
      name: `list, page ${fixtures.deepPage.page} via cursor`,
      kind: "list",
      actor: sales,
      request: get([deep]),
      explainPath: deep,
    },
    {
      name: "search q=muller",
      kind: "search",
      actor: sales,
      request: get([muller]),
      explainPath: muller,
      goalMs: LIST_SEARCH_GOAL_MS,
      raw: true,
    },
    ...rareSearches(sales, fixtures, ""),
    {
      name: "search phone digits",
      kind: "search",
      actor: sales,
      request: get(phones),
      ...(phones[0] ? { explainPath: phones[0] } : {}),
    },
    {
      name: "global search q=muller",
      kind: "search",
      actor: sales,
      request: get([globalSearch]),
      explainPath: globalSearch,
      raw: true,
    },
    {
      name: "get one",
      kind: "read",
      actor: sales,
      request: get(fixtures.readIds.map((id) => `${LEADS}/${id}`)),
      raw: true,
    },
    ...list(manager),
    {
      name: "search q=muller",
      kind: "search",
      actor: manager,
      request: get([muller]),
      explainPath: muller,
      goalMs: LIST_SEARCH_GOAL_MS,
      raw: true,
    },
    ...rareSearches(manager, fixtures, ""),
    {
      name: "global search q=muller",
      kind: "search",
      actor: manager,
      request: get([globalSearch]),
      explainPath: globalSearch,
      raw: true,
    },
    ...reports(sales),
    ...reports(manager),
    {
      // Issue #22: a mirror's page of 1,000 changes (the sync page's largest; goal ≤ 100 ms).
      name: "sync page (updatedSince, limit=1000)",
      kind: "read",
      actor: manager,
      request: get([`${LEADS}?updatedSince=2000-01-01T00:00:00Z&limit=1000`]),
    },
    {
      name: "create",
      kind: "write",
      actor: sales,
      request: { kind: "post", path: LEADS, bodies },
      raw: true,
    },
    {
      // Issue #22: 1,000 upserts by externalId in one request (goal p95 ≤ 1 s at 1M leads); the first
      // round creates them, later rounds update the same records.
      name: "batch upsert 1,000 leads by externalId",
      kind: "write",
      actor: sales,
      request: { kind: "post", path: `${LEADS}/batch`, bodies: batchBodies() },
    },
    {
      // The intake pipeline end to end: rate limits, idempotency, identity resolution, lead, audit, log.
      name: "form submission with identity resolution",
      kind: "write",
      actor: sales,
      request: {
        kind: "post",
        path: `/api/v1/public/forms/${fixtures.form.key}`,
        bodies: formBodies(fixtures),
      },
    },
    {
      name: "update (PATCH with version)",
      kind: "write",
      actor: sales,
      request: { kind: "patch", targets: fixtures.patchTargets, fields: { interest: "Benchmark: geändert" } },
    },
  ];
}

function searchPaths(fixtures: Fixtures) {
  const rare = encodeURIComponent(fixtures.rareWord.word);
  return {
    muller: `${LEADS}?q=muller&${FIELDS}`,
    rare: `${LEADS}?q=${rare}&${FIELDS}`,
    // The header's global search (issue #15 point 2): all five types, as the palette asks (limit 25).
    globalSearch: "/api/v1/search?q=muller&limit=25",
    globalRare: `/api/v1/search?q=${rare}&limit=25`,
  };
}

/** The list and global search for the rare word (fewer hits than a page: the whole gate is searched). */
function rareSearches(actor: BenchActor, fixtures: Fixtures, suffix: string): Operation[] {
  const { rare, globalRare } = searchPaths(fixtures);
  const get = (path: string): LoadRequest => ({ kind: "get", paths: [path] });
  return [
    {
      name: `search rare word${suffix}`,
      kind: "search",
      actor,
      request: get(rare),
      explainPath: rare,
      goalMs: LIST_SEARCH_GOAL_MS,
      // The raw-driver baseline and the statements per request (runs before the import only).
      raw: true,
    },
    {
      name: `global search rare word${suffix}`,
      kind: "search",
      actor,
      request: get(globalRare),
      explainPath: globalRare,
      raw: true,
    },
  ];
}

/**
 * Issue #21 point 2: the searches again after `imported` leads that match none of them went into the
 * salesperson's team (search-import.ts), newer than every other lead.
 */
export function searchesAfterImport(
  actors: { sales: BenchActor; manager: BenchActor },
  fixtures: Fixtures,
  imported: number,
): Operation[] {
  const suffix = ` after import of ${imported.toLocaleString("en")}`;
  const { muller, globalSearch } = searchPaths(fixtures);
  const get = (path: string): LoadRequest => ({ kind: "get", paths: [path] });
  return [actors.sales, actors.manager].flatMap((actor): Operation[] => [
    {
      name: `search q=muller${suffix}`,
      kind: "search",
      actor,
      request: get(muller),
      explainPath: muller,
      goalMs: LIST_SEARCH_GOAL_MS,
    },
    {
      name: `global search q=muller${suffix}`,
      kind: "search",
      actor,
      request: get(globalSearch),
      explainPath: globalSearch,
    },
    ...rareSearches(actor, fixtures, suffix),
  ]);
}

/** Four batches of 1,000 leads, each lead keyed by its externalId. */
function batchBodies(): string[] {
  return Array.from({ length: 4 }, (_, b) =>
    JSON.stringify({
      records: Array.from({ length: 1000 }, (_, i) => ({
        externalId: `bench-${b}-${i}`,
        source: "import",
        lastName: `Stapel ${b}-${i}`,
        companyName: "Stapel Logistik GmbH",
        interest: "Benchmark-Stapel",
      })),
    }),
  );
}

/**
 * Half new people, half addresses of existing leads (identity resolution finds them). 20,000 distinct
 * bodies: a repeated body would be answered from the content-hash check without the pipeline.
 */
function formBodies(fixtures: Fixtures): string[] {
  const run = Date.now();
  return Array.from({ length: 20_000 }, (_, i) =>
    JSON.stringify({
      firstName: "Lena",
      lastName: `Formular ${i}`,
      companyName: `Formular GmbH ${i}`,
      email:
        (i % 2 === 0
          ? fixtures.form.knownEmails[(i / 2) % Math.max(1, fixtures.form.knownEmails.length)]
          : undefined) ?? `lena.formular.${i}.${run}@example.org`,
      phone: `+49 40 ${String(6_000_000 + i)}`,
      interest: "Benchmark über das Formular",
    }),
  );
}
