import {
  customFieldCreatedIndexName,
  customFieldIndexes,
  customFieldIndexName,
  customFieldStatistics,
  customFieldStatisticsName,
} from "@server/modules/custom-fields/custom-field-index.job";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildCompany, buildContact, buildDeal, buildLead, buildPipeline } from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: Client;
let sales: Client;
const lead: Record<string, string> = {};

const errorsOf = (response: { json: () => { errors?: { path: string; code?: string }[] } }) =>
  (response.json().errors ?? []).map((e) => `${e.path}:${e.code}`);

const field: Record<string, { id: string; version: number }> = {};

async function define(body: { key: string } & Record<string, unknown>) {
  const response = await admin.post("/api/v1/custom-fields", { label: { de: "F", en: "F" }, ...body });
  expect(response.statusCode, response.body).toBe(201);
  field[body.key] = response.json();
}

const choices = (...values: string[]) => values.map((value) => ({ value, label: { de: value, en: value } }));

async function ids(client: Client, url: string): Promise<string[]> {
  const response = await client.get(url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().data.map((r: { id: string }) => r.id);
}

/** Every page of a list, two rows at a time, by following nextCursor. */
async function allPages(client: Client, url: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await client.get(`${url}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { data: { id: string }[]; nextCursor: string | null };
    seen.push(...page.data.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor !== null && seen.length < 50);
  return seen;
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const pipeline = await buildPipeline(db, { isDefault: true });
  admin = (await signedIn(t, "admin")).client;
  const own = await teamWithSales(t);
  sales = own.client;
  await define({ entity: "lead", key: "mitarbeiterzahl", type: "number", filterable: true });
  await define({ entity: "lead", key: "branche", type: "choice", options: choices("it", "bau") });
  await define({ entity: "lead", key: "aktiv", type: "checkbox" });
  await define({ entity: "lead", key: "erstkontakt", type: "date" });
  await define({ entity: "lead", key: "themen", type: "multi_choice", options: choices("crm", "erp") });
  await define({ entity: "contact", key: "vip", type: "checkbox" });
  await define({ entity: "company", key: "groesse", type: "number" });
  await define({ entity: "deal", key: "kanal", type: "choice", options: choices("web", "messe") });
  const mine = (name: string, customFields: Record<string, unknown>) =>
    buildLead(db, { team: own.team, companyName: name, customFields }).then((row) => {
      lead[name] = row.id;
    });
  await mine("a", { mitarbeiterzahl: 10, branche: "it", aktiv: true, erstkontakt: "2026-01-05" });
  await mine("b", { mitarbeiterzahl: 50, branche: "bau", aktiv: false, themen: ["crm", "erp"] });
  await mine("c", { mitarbeiterzahl: 50, branche: "it", erstkontakt: "2026-03-01", themen: ["erp"] });
  await mine("d", { mitarbeiterzahl: 200 });
  await mine("e", {});
  // Another team's IT lead: the gate keeps it out of the salesperson's filtered list.
  lead.foreign = (await buildLead(db, { companyName: "f", customFields: { branche: "it" } })).id;
  const company = await buildCompany(db, { team: own.team, customFields: { groesse: 30 } });
  await buildCompany(db, { team: own.team, customFields: { groesse: 5 } });
  await buildContact(db, { team: own.team, company, customFields: { vip: true } });
  await buildContact(db, { team: own.team, customFields: {} });
  await buildDeal(db, { team: own.team, stage: pipeline.stages[0], customFields: { kanal: "messe" } });
  await buildDeal(db, { team: own.team, stage: pipeline.stages[0], customFields: { kanal: "web" } });
  // Many requests and rows to set up: far from the hook's time limit on a loaded machine too.
}, 240_000);
afterAll(async () => t.close());

describe("GET /api/v1/leads with cf.<key> filters", () => {
  it("filters by a choice, a number range, a checkbox, a date range, a multiple choice and emptiness", async () => {
    const sorted = (names: string[]) => names.map((n) => lead[n]).sort();
    const list = async (query: string) => (await ids(sales, `/api/v1/leads?${query}`)).sort();
    expect(await list("cf.branche=it")).toEqual(sorted(["a", "c"]));
    expect(await list("cf.branche=it,bau")).toEqual(sorted(["a", "b", "c"]));
    expect(await list("cf.mitarbeiterzahl[gte]=50&cf.mitarbeiterzahl[lte]=100")).toEqual(sorted(["b", "c"]));
    expect(await list("cf.mitarbeiterzahl=200")).toEqual(sorted(["d"]));
    expect(await list("cf.aktiv=true")).toEqual(sorted(["a"]));
    expect(await list("cf.aktiv=false")).toEqual(sorted(["b", "c", "d", "e"]));
    expect(await list("cf.erstkontakt[gte]=2026-02-01")).toEqual(sorted(["c"]));
    expect(await list("cf.themen=crm")).toEqual(sorted(["b"]));
    expect(await list("cf.mitarbeiterzahl[empty]=true")).toEqual(sorted(["e"]));
    expect(await list("cf.branche[empty]=false&cf.mitarbeiterzahl[gte]=20")).toEqual(sorted(["b", "c"]));
  });

  it("passes the permission gate: another team's matching lead stays out, in the list and its count", async () => {
    expect(await ids(sales, "/api/v1/leads?cf.branche=it")).not.toContain(lead.foreign);
    expect(await ids(admin, "/api/v1/leads?cf.branche=it")).toContain(lead.foreign);
    const count = await sales.get("/api/v1/leads/count?cf.branche=it");
    expect(count.statusCode, count.body).toBe(200);
    expect(count.json().count).toBe(2);
    // The export takes the list's filters, custom ones included.
    const csv = await sales.get("/api/v1/leads/export.csv?cf.branche=it&cf.nope=1");
    expect(errorsOf(csv)).toContain("cf.nope:unknown_field");
    const xlsx = await sales.get("/api/v1/leads/export.xlsx?cf.branche=it&cf.nope=1");
    expect(errorsOf(xlsx)).toContain("cf.nope:unknown_field");
    expect((await sales.get("/api/v1/leads/export.csv?cf.branche=it")).statusCode).toBe(200);
  });

  it("refuses an unknown key, a wrong value, an operator the type lacks with a 400 naming the parameter", async () => {
    const cases: [string, string][] = [
      ["cf.nope=1", "cf.nope:unknown_field"],
      ["cf.mitarbeiterzahl=viele", "cf.mitarbeiterzahl:cf_number_invalid"],
      ["cf.mitarbeiterzahl[gte]=1e999", "cf.mitarbeiterzahl[gte]:cf_number_invalid"],
      ["cf.branche=handel", "cf.branche:cf_choice_invalid"],
      ["cf.branche[gte]=it", "cf.branche[gte]:cf_operator_invalid"],
      ["cf.erstkontakt[lte]=2026-02-30", "cf.erstkontakt[lte]:cf_date_invalid"],
      ["cf.aktiv=vielleicht", "cf.aktiv:cf_checkbox_invalid"],
      ["cf.Bad-Key=1", "cf.Bad-Key:unknown_field"],
      ["sort=cf.nope", "sort:unknown_field"],
      ["sort=cf.themen", "sort:cf_not_sortable"],
    ];
    for (const [query, error] of cases) {
      const response = await sales.get(`/api/v1/leads?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(errorsOf(response), query).toContain(error);
    }
  });
});

describe("GET /api/v1/leads?sort=cf.<key>", () => {
  it("pages ascending and descending with nulls last and ties broken by id", async () => {
    const [b, c] = [lead.b, lead.c].sort() as [string, string];
    const pages = await allPages(sales, "/api/v1/leads?sort=cf.mitarbeiterzahl");
    expect(pages).toEqual([lead.a, b, c, lead.d, lead.e]);
    const down = await allPages(sales, "/api/v1/leads?sort=-cf.mitarbeiterzahl");
    expect(down).toEqual([lead.d, c, b, lead.a, lead.e]);
    expect(await allPages(sales, "/api/v1/leads?sort=cf.branche&cf.branche[empty]=false")).toEqual([
      lead.b,
      ...[lead.a, lead.c].sort(),
    ]);
  });

  it("refuses a tampered cursor or one of another sort with a 400", async () => {
    const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString("base64url");
    const id = lead.a ?? "";
    for (const bad of [
      cursor(["cf.mitarbeiterzahl", "zehn", id]),
      cursor(["cf.mitarbeiterzahl", "10", "not-a-uuid"]),
      cursor(["cf.mitarbeiterzahl", null, "not-a-uuid"]),
      cursor(["-createdAt", "10", id]),
    ]) {
      const response = await sales.get(`/api/v1/leads?sort=cf.mitarbeiterzahl&cursor=${bad}`);
      expect(response.statusCode, response.body).toBe(400);
      expect(errorsOf(response)).toContain("cursor:cursor_invalid");
    }
  });
});

describe("cf.<key> on the contact, company and deal lists", () => {
  it("filters and sorts each by its own fields", async () => {
    const contacts = await sales.get("/api/v1/contacts?cf.vip=true");
    expect(contacts.statusCode, contacts.body).toBe(200);
    expect(contacts.json().data).toHaveLength(1);
    const companies = await sales.get("/api/v1/companies?sort=-cf.groesse&cf.groesse[gte]=1");
    expect(companies.statusCode, companies.body).toBe(200);
    expect(
      companies.json().data.map((c: { customFields: { groesse: number } }) => c.customFields.groesse),
    ).toEqual([30, 5]);
    const deals = await sales.get("/api/v1/deals?cf.kanal=messe");
    expect(deals.statusCode, deals.body).toBe(200);
    expect(deals.json().data.map((d: { customFields: { kanal: string } }) => d.customFields.kanal)).toEqual([
      "messe",
    ]);
    const count = await sales.get("/api/v1/deals/count?cf.kanal=web");
    expect(count.json().count).toBe(1);
    const wrongEntity = await sales.get("/api/v1/contacts?cf.kanal=web");
    expect(errorsOf(wrongEntity)).toContain("cf.kanal:unknown_field");
  });
});

describe("the custom-field-index job", () => {
  const indexes = async () => [...(await customFieldIndexes(t.database.db)).keys()];

  it("builds an index for a field marked filterable and drops it when unmarked or deleted", async () => {
    const number = field.mitarbeiterzahl ?? { id: "", version: 0 };
    const themen = field.themen ?? { id: "", version: 0 };
    const numberIndex = customFieldIndexName(number.id, "number");
    const themenIndex = customFieldIndexName(themen.id, "multi_choice");
    await t.app.jobs.runDue();
    expect(await indexes()).toEqual([numberIndex]);
    // With statistics on its expression, so the planner knows how many rows a filter on it matches.
    expect([...(await customFieldStatistics(t.database.db))]).toEqual([
      customFieldStatisticsName(number.id, "number"),
    ]);

    const marked = await admin.patch(`/api/v1/custom-fields/${themen.id}`, { filterable: true });
    expect(marked.statusCode, marked.body).toBe(200);
    await t.app.jobs.runDue();
    expect((await indexes()).sort()).toEqual([numberIndex, themenIndex].sort());
    // Filtering still answers the same through the index.
    expect((await ids(sales, "/api/v1/leads?cf.themen=erp")).sort()).toEqual([lead.b, lead.c].sort());

    // A single choice gets a second index in the lists' order, (value, created_at, id).
    const branche = field.branche ?? { id: "", version: 0 };
    const brancheMarked = await admin.patch(`/api/v1/custom-fields/${branche.id}`, { filterable: true });
    expect(brancheMarked.statusCode, brancheMarked.body).toBe(200);
    await t.app.jobs.runDue();
    expect((await indexes()).sort()).toEqual(
      [
        numberIndex,
        themenIndex,
        customFieldIndexName(branche.id, "choice"),
        customFieldCreatedIndexName(branche.id, "choice"),
      ].sort(),
    );
    expect((await ids(sales, "/api/v1/leads?cf.branche=it")).sort()).toEqual([lead.a, lead.c].sort());
    const brancheUnmarked = await admin.patch(`/api/v1/custom-fields/${branche.id}`, { filterable: false });
    expect(brancheUnmarked.statusCode, brancheUnmarked.body).toBe(200);

    const unmarked = await admin.patch(`/api/v1/custom-fields/${number.id}`, { filterable: false });
    expect(unmarked.statusCode, unmarked.body).toBe(200);
    expect((await admin.delete(`/api/v1/custom-fields/${themen.id}`)).statusCode).toBe(204);
    await t.app.jobs.runDue();
    expect(await indexes()).toEqual([]);
    expect([...(await customFieldStatistics(t.database.db))]).toEqual([]);
  });
});
