import { countListRows } from "@server/db/list-count";
import { companies } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildTeam } from "@test/factories";
import { buildActivity, buildCompany, buildContact, buildDeal, buildLead } from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

type Client = Awaited<ReturnType<typeof teamWithSales>>["client"];

/** The list's rows (all pages) and the count endpoint's answer for the same query. */
async function listAndCount(client: Client, things: string, query: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await client.get(
      `/api/v1/${things}?limit=3&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json() as { data: { id: string }[]; nextCursor: string | null };
    ids.push(...body.data.map((r) => r.id));
    cursor = body.nextCursor;
  } while (cursor);
  const count = await client.get(`/api/v1/${things}/count?${query}`);
  expect(count.statusCode, count.body).toBe(200);
  return { ids, count: count.json() as { count: number; exact: boolean } };
}

describe("GET /api/v1/<things>/count", () => {
  it("counts what the list shows, under the same filters and permission gate", async () => {
    const db = t.database.db;
    const { team, user, client } = await teamWithSales(t);
    const tag = `count-${team.id.slice(0, 8)}`;
    const acme = await buildCompany(db, { team, name: "Acme Zählwerk", tags: [tag] });
    await buildCompany(db, { team, tags: [tag] });
    await buildCompany(db, { team });
    const foreignCompany = await buildCompany(db, { tags: [tag] });
    for (const contact of [{ team }, {}]) await buildContact(db, { ...contact, tags: [tag] });
    await buildDeal(db, { team, tags: [tag] });
    await buildDeal(db, { tags: [tag] });
    for (const lead of [{ team }, { team, owner: user }]) await buildLead(db, { ...lead, tags: [tag] });

    for (const things of ["companies", "contacts", "deals", "leads"]) {
      const { ids, count } = await listAndCount(client, things, `tags=${tag}`);
      expect({ things, count }).toEqual({ things, count: { count: ids.length, exact: true } });
      expect(ids.length).toBeGreaterThan(0);
    }
    const companiesOfTag = await listAndCount(client, "companies", `tags=${tag}`);
    expect(companiesOfTag.ids).toHaveLength(2);
    expect(companiesOfTag.ids).not.toContain(foreignCompany.id);
    const search = await listAndCount(client, "companies", "q=zahlwerk");
    expect(search.ids).toEqual([acme.id]);
    expect(search.count).toEqual({ count: 1, exact: true });
    const mine = await listAndCount(client, "leads", `tags=${tag}&mine=true`);
    expect(mine.count).toEqual({ count: 1, exact: true });

    // An admin sees every team's records, and the count follows.
    const admin = await signedIn(t, "admin");
    const all = await listAndCount(admin.client, "companies", `tags=${tag}`);
    expect(all.count).toEqual({ count: 3, exact: true });
  });

  it("answers a bad filter with 400 naming it", async () => {
    const { client } = await teamWithSales(t);
    const res = await client.get("/api/v1/leads/count?scoreMin=abc");
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain("scoreMin");
  });

  it("past the cap answers the planner's estimate, marked as not exact", async () => {
    const db = t.database.db;
    const team = (await teamWithSales(t)).team;
    const made = [];
    for (let i = 0; i < 4; i += 1) made.push(await buildCompany(db, { team }));
    const ids = made.map((c) => c.id);
    const exact = await countListRows(db, companies, [inArray(companies.id, ids)]);
    expect(exact).toEqual({ count: 4, exact: true });
    const estimate = await countListRows(db, companies, [inArray(companies.id, ids)], 2);
    expect(estimate.exact).toBe(false);
    expect(estimate.count).toBeGreaterThanOrEqual(3);
  });
});

describe("GET /api/v1/companies (list figures)", () => {
  it("shows each company's visible contacts, open deals and last activity", async () => {
    const db = t.database.db;
    const { team, client } = await teamWithSales(t);
    const company = await buildCompany(db, { team, name: `Figures ${team.id.slice(0, 6)}` });
    await buildContact(db, { team, companyId: company.id });
    await buildContact(db, { team, companyId: company.id });
    await buildContact(db, { companyId: company.id }); // another team's: not counted
    await buildDeal(db, { team, company });
    await buildDeal(db, { team, company, status: "won" });
    await buildDeal(db, { company, team: await buildTeam(db) }); // another team's
    await buildActivity(db, { team, company });

    const res = await client.get(`/api/v1/companies?q=${encodeURIComponent(company.name)}`);
    expect(res.statusCode).toBe(200);
    const [row] = (res.json() as { data: Record<string, unknown>[] }).data;
    expect(row).toMatchObject({ id: company.id, contactCount: 2, openDealCount: 1 });
    expect(row?.lastActivityAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
  });
});
