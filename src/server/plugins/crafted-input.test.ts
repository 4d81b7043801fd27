import { Writable } from "node:stream";
import { buildApp } from "@server/app";
import { castsCleanly } from "@server/db/keyset";
import { buildTestApp, type Client, type TestApp, testConfig } from "@test/app";
import { buildDeal } from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 14 ("crafted input answers 500") and 15.12 (NUL characters): each attack is tried and must
// end in a 400 naming the field, and the log of a real fault must hold no record data.

let t: TestApp;
let admin: Client;
const records: Record<"lead" | "contact" | "company" | "deal", string> = {
  lead: "",
  contact: "",
  company: "",
  deal: "",
};
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signedIn(t, "admin")).client;
  records.lead = (await admin.post("/api/v1/leads", { lastName: "Probe" })).json().id;
  records.contact = (await admin.post("/api/v1/contacts", { lastName: "Probe" })).json().id;
  records.company = (await admin.post("/api/v1/companies", { name: "Probe GmbH" })).json().id;
  records.deal = (await buildDeal(t.database.db, { title: "Probe deal" })).id;
  expect(Object.values(records).every(Boolean)).toBe(true);
});
afterAll(() => t.close());

const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString("base64url");
const SOME_ID = "00000000-0000-4000-8000-000000000000";
const fieldsOf = (res: { json(): { errors?: { path: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.path);

/** Values of the right shape that PostgreSQL would still refuse to cast, or not store at all. */
const TAMPERED_VALUES: unknown[] = [
  "2026-13-45 10:00:00+00", // no such month
  "2026-02-30 12:00:00+00", // no such day
  "2026-01-01 25:61:00+00",
  "0000-01-01 00:00:00+00", // no year 0
  "2026-01-01 00:00:00+99", // no such offset
  "2026-02-30",
  "9999999999", // beyond int4
  "1e999", // beyond double precision
  "1e-999",
  "a\u0000b", // NUL: PostgreSQL text cannot hold it
  { nested: true },
];

describe("lists with a tampered cursor", () => {
  const lists: [string, string[]][] = [
    ["/api/v1/leads", ["-createdAt", "updatedAt", "score", "-estimatedValue", "name", "companyName"]],
    ["/api/v1/contacts", ["-createdAt", "updatedAt", "name"]],
    ["/api/v1/companies", ["-createdAt", "updatedAt", "name"]],
    ["/api/v1/deals", ["-createdAt", "amount", "expectedCloseDate", "title", "position"]],
    ["/api/v1/activities", ["-createdAt", "occursAt"]],
  ];

  it("answers 400 naming `cursor` on every list and sort, never 500", async () => {
    const answers: string[] = [];
    for (const [url, sorts] of lists) {
      for (const sort of sorts) {
        for (const value of TAMPERED_VALUES) {
          // A board cursor ("position") continues a column whatever `sort` says.
          const sortParam = sort === "position" ? "" : `&sort=${sort}`;
          const res = await admin.get(`${url}?cursor=${cursorOf([sort, value, SOME_ID])}${sortParam}`);
          answers.push(`${url} ${sort} ${JSON.stringify(value)} → ${res.statusCode} ${fieldsOf(res)}`);
        }
      }
    }
    // A value the sort's type can hold is a place in the list like any other (a name sort may start
    // after "1e999"); all others are a 400 naming the cursor.
    expect(answers.filter((a) => !a.endsWith("→ 400 cursor") && !a.endsWith("→ 200 "))).toEqual([]);
    const refused = (list: string, sort: string) =>
      answers.filter((a) => a.startsWith(`${list} ${sort} `) && a.endsWith("→ 400 cursor")).length;
    // Time sorts take none of them, names only refuse NUL and non-text, numbers their own range.
    expect(refused("/api/v1/leads", "-createdAt")).toBe(TAMPERED_VALUES.length);
    expect(refused("/api/v1/activities", "occursAt")).toBe(TAMPERED_VALUES.length);
    expect(refused("/api/v1/contacts", "name")).toBe(2);
    expect(refused("/api/v1/leads", "score")).toBe(TAMPERED_VALUES.length);
    expect(refused("/api/v1/deals", "expectedCloseDate")).toBe(TAMPERED_VALUES.length);
  });

  it("answers 400 naming `cursor` on every timeline, the user list and the team list", async () => {
    const answers: string[] = [];
    const paths = [
      ...(["lead", "contact", "company", "deal"] as const).map(
        (entity) =>
          [
            `/api/v1/${entity === "company" ? "companies" : `${entity}s`}/${records[entity]}/timeline`,
            "h-1",
          ] as const,
      ),
      ["/api/v1/users", SOME_ID] as const,
      ["/api/v1/teams", SOME_ID] as const,
    ];
    for (const [path, key] of paths) {
      for (const value of TAMPERED_VALUES) {
        const res = await admin.get(`${path}?cursor=${cursorOf([value, key])}`);
        answers.push(`${path} ${JSON.stringify(value)} → ${res.statusCode} ${fieldsOf(res)}`);
      }
    }
    expect(answers.filter((a) => !a.endsWith("→ 400 cursor") && !a.endsWith("→ 200 "))).toEqual([]);
    // Timelines sort by time: nothing of the above is one.
    expect(answers.filter((a) => a.includes("timeline") && a.endsWith("→ 400 cursor"))).toHaveLength(
      4 * TAMPERED_VALUES.length,
    );
  });

  it("still pages on with the cursors it hands out and with edge values the types hold", async () => {
    await admin.post("/api/v1/leads", { lastName: "Second" });
    const first = await admin.get("/api/v1/leads?limit=1&sort=-createdAt");
    const next = await admin.get(`/api/v1/leads?limit=1&sort=-createdAt&cursor=${first.json().nextCursor}`);
    expect(next.statusCode).toBe(200);
    expect(next.json().data).toHaveLength(1);
    const edges: [string, string][] = [
      ["-createdAt", "2024-02-29 23:59:59.999999+00"],
      ["-createdAt", "2026-06-30T12:00:00+05:30"],
      ["score", "2147483647"],
      ["-estimatedValue", "-1"],
    ];
    for (const [sort, value] of edges) {
      const res = await admin.get(`/api/v1/leads?sort=${sort}&cursor=${cursorOf([sort, value, SOME_ID])}`);
      expect(res.statusCode, `${sort} ${value}`).toBe(200);
    }
  });

  it("answers 400 naming `sort` for a sort the list does not offer", async () => {
    for (const url of [
      "/api/v1/leads",
      "/api/v1/contacts",
      "/api/v1/companies",
      "/api/v1/deals",
      "/api/v1/activities",
    ]) {
      const res = await admin.get(`${url}?sort=password`);
      expect(res.statusCode, url).toBe(400);
      expect(fieldsOf(res)).toEqual(["sort"]);
    }
  });
});

describe("dates before year 1", () => {
  it("are a 400 naming the field in filters and bodies (PostgreSQL has no year 0)", async () => {
    const answers = await Promise.all(
      [
        "/api/v1/leads?createdFrom=0000-06-01T00:00:00Z",
        "/api/v1/contacts?createdTo=0001-01-01T00:30:00%2B01:00",
        "/api/v1/deals?closeFrom=0000-01-01",
        "/api/v1/activities?from=0000-12-31T00:00:00Z",
      ].map(async (url) => {
        const res = await admin.get(url);
        return `${url} → ${res.statusCode} ${fieldsOf(res)}`;
      }),
    );
    expect(answers).toEqual([
      "/api/v1/leads?createdFrom=0000-06-01T00:00:00Z → 400 createdFrom",
      "/api/v1/contacts?createdTo=0001-01-01T00:30:00%2B01:00 → 400 createdTo",
      "/api/v1/deals?closeFrom=0000-01-01 → 400 closeFrom",
      "/api/v1/activities?from=0000-12-31T00:00:00Z → 400 from",
    ]);
    const deal = await admin.patch(`/api/v1/deals/${records.deal}`, { expectedCloseDate: "0000-02-29" });
    expect(deal.statusCode).toBe(400);
    expect(fieldsOf(deal)).toEqual(["expectedCloseDate"]);
    expect((await admin.get("/api/v1/deals?closeFrom=0001-01-01")).statusCode).toBe(200);
  });
});

describe("castsCleanly", () => {
  const part = (min: number, max: number, width: number) =>
    fc.integer({ min, max }).map((n) => String(n).padStart(width, "0"));
  const day = fc.tuple(part(0, 9999, 4), part(0, 13, 2), part(0, 32, 2)).map(([y, m, d]) => `${y}-${m}-${d}`);
  const timestamp = fc
    .tuple(
      day,
      part(0, 24, 2),
      part(0, 60, 2),
      part(0, 60, 2),
      fc.constantFrom("", "+00", "-07:30", "+15", "Z"),
    )
    .map(([d, h, mi, se, tz]) => `${d} ${h}:${mi}:${se}${tz}`);
  const number = fc.oneof(
    fc.stringMatching(/^-?\d{1,12}$/),
    fc.stringMatching(/^-?\d{1,3}(\.\d{1,3})?e[+-]?\d{1,3}$/),
  );
  const cases: [string, fc.Arbitrary<string>][] = [
    ["timestamptz", timestamp],
    ["date", day],
    ["int", number],
    ["double precision", number],
    ["numeric", number],
  ];

  it("says yes only to values the database casts without an error", async () => {
    for (const [cast, values] of cases) {
      await fc.assert(
        fc.asyncProperty(values, async (value) => {
          if (!castsCleanly(value, cast)) return;
          await t.database.db.execute(sql`select cast(${value} as ${sql.raw(cast)})`);
        }),
        { numRuns: 300 },
      );
    }
  });
});

describe("a NUL character in the input", () => {
  it("is a 400 naming the field in a query, on every list that searches", async () => {
    for (const url of [
      "/api/v1/leads?q=%00",
      "/api/v1/contacts?q=ab%00",
      "/api/v1/companies?q=%00x",
      "/api/v1/users/options?q=%00",
      "/api/v1/leads/matches?email=a%00b@example.com",
    ]) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors[0], url).toMatchObject({
        message: "Text must not contain a NUL character",
        code: "nul_character",
      });
    }
    expect(fieldsOf(await admin.get("/api/v1/leads?q=%00"))).toEqual(["q"]);
    expect(fieldsOf(await admin.get("/api/v1/leads/matches?email=a%00b@example.com"))).toEqual(["email"]);
  });

  it("is a 400 naming the field in a body, however deep, and nothing is stored", async () => {
    const lead = await admin.post("/api/v1/leads", { firstName: "Ada", lastName: "Love\u0000lace" });
    expect(lead.statusCode).toBe(400);
    expect(fieldsOf(lead)).toEqual(["lastName"]);

    const contact = await admin.post("/api/v1/contacts", {
      lastName: "Müller",
      emails: [{ value: "m\u0000@example.com", primary: true }],
    });
    expect(contact.statusCode).toBe(400);
    expect(fieldsOf(contact)).toEqual(["emails.0.value"]);

    const edit = await admin.patch(`/api/v1/companies/${records.company}`, { name: "\u0000" });
    expect(edit.statusCode).toBe(400);
    expect(fieldsOf(edit)).toEqual(["name"]);
    expect((await admin.get(`/api/v1/companies/${records.company}`)).json().name).toBe("Probe GmbH");

    const key = await admin.post("/api/v1/leads", { lastName: "Keys", customFields: { "a\u0000": "x" } });
    expect(key.statusCode).toBe(400);
    expect(fieldsOf(key)).toEqual(["customFields.a\u0000"]);
  });

  it("is a 400 naming the field in a path parameter and in the login email", async () => {
    const get = await admin.get("/api/v1/leads/%00");
    expect(get.statusCode).toBe(400);
    expect(fieldsOf(get)).toEqual(["id"]);

    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "ada\u0000@example.com", password: "whatever-1" },
    });
    expect(login.statusCode).toBe(400);
    expect(login.headers["content-type"]).toContain("application/problem+json");
    expect(fieldsOf(login)).toEqual(["email"]);
  });

  it("in one card of a .vcf reports that card and imports the others", async () => {
    const { client } = await teamWithSales(t);
    const vcf = [
      "BEGIN:VCARD",
      "VERSION:3.0",
      "N:Good;Gerda;;;",
      "FN:Gerda Good",
      "END:VCARD",
      "BEGIN:VCARD",
      "VERSION:3.0",
      "N:Bad\u0000;Bert;;;",
      "FN:Bert Bad",
      "END:VCARD",
      "BEGIN:VCARD",
      "VERSION:2.1",
      "N:Quoted;Quentin;;;",
      "NOTE;ENCODING=QUOTED-PRINTABLE:zero=00byte",
      "END:VCARD",
      "",
    ].join("\r\n");
    const res = await client.request({
      method: "POST",
      url: "/api/v1/contacts/import/vcard",
      payload: vcf,
      headers: { "content-type": "text/vcard" },
    });
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result.imported.map((c: { name: string }) => c.name)).toEqual(["Gerda Good"]);
    expect(result.failed).toMatchObject([
      { card: 2, line: 6, errors: [{ line: 8, path: "lastName", code: "nul_character" }] },
      { card: 3, line: 11, errors: [{ line: 14, path: "description", code: "nul_character" }] },
    ]);
  });
});

describe("the log of an unexpected error", () => {
  it("names the fault but holds none of the statement's parameters", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp(testConfig({ ...t.app.config, logLevel: "error" }), {
      database: t.database,
      logStream: stream,
    });
    const secret = "erika.mustermann@example.com";
    // A fault nobody anticipated: a query that fails on a value the user typed.
    app.get("/api/v1/test/fault", { config: { public: true } }, async () => {
      await t.database.db.execute(sql`select cast(${secret} as integer), ${"Musterstraße 12"}::text`);
      return { ok: true };
    });
    // A unique violation: PostgreSQL's `detail` repeats the value ("Key (lower(name))=(…) already exists").
    app.get("/api/v1/test/duplicate", { config: { public: true } }, async () => {
      await t.database.db.execute(sql`insert into teams (name) values (${secret}), (${secret})`);
      return { ok: true };
    });
    try {
      const res = await app.inject({ url: "/api/v1/test/fault" });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain(secret);
      expect((await app.inject({ url: "/api/v1/test/duplicate" })).statusCode).toBe(500);

      const logged = lines.join("\n");
      const entry = JSON.parse(lines.find((l) => l.includes("unhandled error")) ?? "{}");
      expect(entry.err).toMatchObject({ type: "DrizzleQueryError", message: "Failed query" });
      expect(entry.err.query).toContain("cast($1 as integer)");
      expect(entry.err.cause).toMatchObject({ code: "22P02" });
      expect(entry.err.stack).toMatch(/\n\s+at /);
      const duplicate = JSON.parse(lines.filter((l) => l.includes("unhandled error"))[1] ?? "{}");
      expect(duplicate.err.cause).toMatchObject({ code: "23505", constraint: "teams_name_key" });
      expect(logged).not.toContain("erika");
      expect(logged).not.toContain("Musterstraße");
      expect(logged).not.toContain("params");
    } finally {
      await app.close();
    }
  });
});
