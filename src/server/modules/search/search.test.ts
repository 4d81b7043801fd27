import { DEFAULT_MATRIX } from "@domain/permissions/permission-matrix";
import { leads, products } from "@server/db/schema";
import type { SearchHit } from "@shared/schemas/search";
import { buildTestApp, Client, type TestApp } from "@test/app";
import { buildTeam, buildUser } from "@test/factories";
import { buildCompany, buildContact, buildDeal, buildLead } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signedIn(t, "admin", null)).client;
});
afterAll(() => t.close());

const search = async (client: Client, q: string, extra = "") => {
  const res = await client.get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as SearchHit[];
};
const kinds = (hits: SearchHit[]) => hits.map((h) => `${h.type} ${h.title}`);
const fieldsOf = (res: { json(): { errors?: { path: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.path);
const ago = (days: number) => new Date(Date.now() - days * 86_400_000);

describe("GET /api/v1/search", () => {
  it("finds all five types in any German spelling, each with its context line", async () => {
    const db = t.database.db;
    const company = await buildCompany(db, { name: "Bäßler Straßenbau GmbH", domain: "baessler-bau.de" });
    await buildLead(db, {
      firstName: "Jörg",
      lastName: "Bäßler",
      companyName: "Kühn KG",
      email: "jb@kuehn.de",
    });
    await buildContact(db, { firstName: "Jörg", lastName: "Bäßler", jobTitle: "Einkauf", email: "j@b.de" });
    await buildDeal(db, { title: "Bäßler Straßensanierung", company });
    await buildUser(db, { name: "Jörg Bäßler", email: "joerg.baessler@example.com" });

    for (const q of ["baessler", "bassler", "Bäßler", "BÄSSLER"]) {
      expect(new Set((await search(admin, q)).map((h) => h.type)), q).toEqual(
        new Set(["lead", "contact", "company", "deal", "user"]),
      );
    }
    expect(kinds(await search(admin, "joerg")).sort()).toEqual([
      "contact Jörg Bäßler",
      "lead Jörg Bäßler",
      "user Jörg Bäßler",
    ]);
    expect(kinds(await search(admin, "strasse")).sort()).toEqual([
      "company Bäßler Straßenbau GmbH",
      "deal Bäßler Straßensanierung",
    ]);
    const hits = await search(admin, "jorg bassler");
    const subtitle = (type: string) => hits.find((h) => h.type === type)?.subtitle;
    expect(subtitle("lead")).toBe("Kühn KG · jb@kuehn.de");
    expect(subtitle("contact")).toBe("Einkauf · j@b.de");
    expect(subtitle("user")).toBe("joerg.baessler@example.com");
    const deal = await search(admin, "strassensanierung");
    expect(deal[0]?.subtitle).toEqual(expect.any(String));
  });

  it("ranks the exact name first, then word starts, then matches inside a word, newest first", async () => {
    const db = t.database.db;
    const plain = (n: number) => ({ companyName: `Firma ${n}`, email: `p${n}@example.org` });
    await buildCompany(db, { name: "Vogel", domain: "vogel.de", createdAt: ago(30) });
    await buildLead(db, { firstName: "Ina", lastName: "Vogelsang", ...plain(1), createdAt: ago(20) });
    await buildContact(db, {
      firstName: "Tim",
      lastName: "Vogelmann",
      jobTitle: null,
      email: "t@example.org",
      createdAt: ago(10),
    });
    await buildLead(db, { firstName: "Eva", lastName: "Kleinvogel", ...plain(2), createdAt: ago(1) });
    expect(kinds(await search(admin, "vogel"))).toEqual([
      "company Vogel",
      "contact Tim Vogelmann",
      "lead Ina Vogelsang",
      "lead Eva Kleinvogel",
    ]);
  });

  it("prefers an older word-start hit to a newer match inside a word when a type has room for one", async () => {
    const db = t.database.db;
    await buildLead(db, { firstName: "Ina", lastName: "Zwirbelstein", createdAt: ago(9) });
    await buildLead(db, { firstName: "Eva", lastName: "Kleinzwirbel", createdAt: ago(2) });
    const contact = { firstName: "Tim", jobTitle: null, email: "t@example.org" };
    await buildContact(db, { ...contact, lastName: "Zwirbelmann", createdAt: ago(8) });
    await buildContact(db, { ...contact, lastName: "Oberzwirbel", createdAt: ago(1) });
    // limit 5: one hit per type, the newest match of each is inside a word.
    expect(kinds(await search(admin, "zwirbel", "&limit=5"))).toEqual([
      "contact Tim Zwirbelmann",
      "lead Ina Zwirbelstein",
    ]);
    expect(kinds(await search(admin, "zwirbel")).slice(-2)).toEqual([
      "contact Tim Oberzwirbel",
      "lead Eva Kleinzwirbel",
    ]);
  });

  it("gives each type at most a fifth of the limit", async () => {
    const db = t.database.db;
    for (let i = 0; i < 4; i++) await buildLead(db, { firstName: "Xaver", lastName: `Quendel ${i}` });
    const hits = await search(admin, "quendel", "&limit=5");
    expect(hits).toHaveLength(1);
    expect(await search(admin, "quendel", "&limit=50")).toHaveLength(4);
  });

  it("shows a salesperson with own leads only theirs, users only to who may list them, never deleted records", async () => {
    const db = t.database.db;
    const team = await buildTeam(db);
    const { user: seller, client: sales } = await signedIn(t, "sales", team);
    const colleague = await buildUser(db, { role: "sales", team, name: "Quirin Marmelwerk" });
    const mine = await buildLead(db, { firstName: "Ida", lastName: "Marmelwerk Eins", owner: seller, team });
    await buildLead(db, { firstName: "Ole", lastName: "Marmelwerk Zwei", owner: colleague, team });
    await buildLead(db, { lastName: "Marmelwerk Gelöscht", owner: seller, team, deletedAt: new Date() });
    await buildCompany(db, { name: "Marmelwerk Gelöscht AG", deletedAt: new Date() });
    const row = DEFAULT_MATRIX.sales;
    const own = await admin.request({
      method: "PUT",
      url: "/api/v1/permissions/sales",
      payload: { ...row, lead: { ...row.lead, read: "own", edit: "own", delete: "own" } },
    });
    expect(own.statusCode, own.body).toBe(200);

    expect((await search(sales, "marmelwerk")).map((h) => h.id)).toEqual([mine.id]);
    const manager = (await signedIn(t, "manager", team)).client;
    expect(kinds(await search(manager, "marmelwerk")).sort()).toEqual([
      "lead Ida Marmelwerk Eins",
      "lead Ole Marmelwerk Zwei",
      "user Quirin Marmelwerk",
    ]);
    const back = await admin.request({ method: "PUT", url: "/api/v1/permissions/sales", payload: row });
    expect(back.statusCode, back.body).toBe(200);
  });

  it("shows a salesperson the team's and their own contacts, companies and deals, never another team's", async () => {
    const db = t.database.db;
    const [home, away] = [await buildTeam(db), await buildTeam(db)];
    const { user: seller, client: sales } = await signedIn(t, "sales", home);
    const stranger = await buildUser(db, { role: "sales", team: away });
    await buildContact(db, { firstName: "Ada", lastName: "Kolibrant", team: home });
    await buildContact(db, { firstName: "Eigen", lastName: "Kolibrant", team: away, owner: seller });
    await buildContact(db, { firstName: "Fremd", lastName: "Kolibrant", team: away, owner: stranger });
    await buildCompany(db, { name: "Kolibrant Nord AG", team: home });
    await buildCompany(db, { name: "Kolibrant Süd AG", team: away, owner: stranger });
    await buildDeal(db, { title: "Kolibrant Ausbau", team: home });
    await buildDeal(db, { title: "Kolibrant Umbau", team: away, owner: stranger });

    expect(kinds(await search(sales, "kolibrant")).sort()).toEqual([
      "company Kolibrant Nord AG",
      "contact Ada Kolibrant",
      "contact Eigen Kolibrant",
      "deal Kolibrant Ausbau",
    ]);
    expect(await search(admin, "kolibrant")).toHaveLength(7);
  });

  it("finds an older word-start lead behind more newer non-matching leads than the walk reads", async () => {
    const db = t.database.db;
    await buildLead(db, { firstName: "Uwe", lastName: "Zaunkönig", createdAt: ago(40) });
    for (let i = 1; i <= 5; i++)
      await buildLead(db, { firstName: "Rita", lastName: `Gartenzaun ${i}`, createdAt: ago(20 - i) });
    // An import: more newer leads than the walk reads (WALK_MIN), so the leads come from the windows.
    await db.execute(sql`insert into ${leads} (created_at, first_name, last_name, company_name)
      select now() - g * interval '1 second', 'Ida', 'Import ' || g, 'Stapel GmbH'
      from generate_series(1, 1100) as g`);
    // Five lead hits: the word start first, then the newest four inside a word.
    expect(kinds(await search(admin, "zaun"))).toEqual([
      "lead Uwe Zaunkönig",
      "lead Rita Gartenzaun 5",
      "lead Rita Gartenzaun 4",
      "lead Rita Gartenzaun 3",
      "lead Rita Gartenzaun 2",
    ]);
  });

  it("refuses a missing, too short, too long or NUL query and a limit over 50 with 400 naming the field", async () => {
    for (const [url, field] of [
      ["/api/v1/search", "q"],
      ["/api/v1/search?q=%20a%20", "q"],
      [`/api/v1/search?q=${"a".repeat(101)}`, "q"],
      ["/api/v1/search?q=ab%00", "q"],
      ["/api/v1/search?q=abc&limit=51", "limit"],
    ] as const) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers["content-type"], url).toContain("application/problem+json");
      expect(fieldsOf(res), url).toEqual([field]);
    }
    expect((await new Client(t.app).get("/api/v1/search?q=ab")).statusCode).toBe(401);
  });
});

describe("the OpenAPI document", () => {
  it("describes the search's query and its hits", async () => {
    const doc = (await t.app.inject({ url: "/api/openapi.json" })).json();
    const search = doc.paths["/api/v1/search"].get;
    expect(search.parameters.map((p: { name: string }) => p.name)).toEqual(["q", "limit"]);
    const hit = search.responses["200"].content["application/json"].schema.properties.data.items;
    expect(Object.keys(hit.properties)).toEqual(["type", "id", "title", "subtitle"]);
  });
});

describe("the users directory and the price list search", () => {
  it("fold German spellings as the record lists do", async () => {
    const db = t.database.db;
    await buildUser(db, { name: "Günther Weiß", email: "g.weiss@example.com" });
    const users = await admin.get("/api/v1/users?q=guenther%20weiss");
    expect(users.json().data.map((u: { name: string }) => u.name)).toEqual(["Günther Weiß"]);
    await db.insert(products).values({ name: "Straßenschild", netPrice: "10.00", vatRate: "19" });
    const list = await admin.get("/api/v1/products?q=strasse");
    expect(list.json().data.map((p: { name: string }) => p.name)).toEqual(["Straßenschild"]);
  });
});
