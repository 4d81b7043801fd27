import { products, webForms } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildTeam, buildUser } from "@test/factories";
import { buildCompany, buildContact, buildDeal, buildLead, buildPipeline } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue #15 points 2 and 3, on PGlite and PostgreSQL alike (api-pglite and api-postgres run this file).
let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signedIn(t, "admin")).client;
});
afterAll(() => t.close());

/** DIN 5007-1: umlauts sort with their base letter, ß as ss; names in one group tie (then by id). */
const GROUP: Record<string, number> = {
  Äpfel: 0,
  Apfel: 0,
  Ostermann: 1,
  Özdemir: 2,
  Straße: 3,
  Strasse: 3,
  Über: 4,
  Ulm: 5,
  Zander: 6,
};
const NAMES = Object.keys(GROUP);
const ASCENDING = [0, 0, 1, 2, 3, 3, 4, 5, 6];

/** Every page of `url` (two rows a page, so the keyset cursor is crossed), the test's names only. */
async function allPages(url: string, nameOf: (row: Record<string, string>) => string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const res = await admin.get(`${url}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ data: Record<string, string>[]; nextCursor: string | null }>();
    names.push(...body.data.map(nameOf).filter((n) => n in GROUP));
    cursor = body.nextCursor;
    if (!cursor) return names;
  }
  throw new Error("too many pages");
}

const groups = (names: string[]) => names.map((n) => GROUP[n]);

describe("German sort order (DIN 5007-1) of every list sorted by name", () => {
  beforeAll(async () => {
    const db = t.database.db;
    const team = await buildTeam(db);
    const owner = await buildUser(db, { role: "sales", team });
    const { stages } = await buildPipeline(db);
    for (const name of NAMES) {
      await buildLead(db, { team, owner, lastName: name, firstName: "Anna", companyName: name });
      await buildContact(db, { team, owner, lastName: name, firstName: "Anna" });
      await buildCompany(db, { team, owner, name });
      await buildDeal(db, { team, owner, stage: stages[0], title: name });
      await buildUser(db, { role: "sales", team, name });
      await buildTeam(db, { name });
      await db.insert(products).values({ name, netPrice: "10.00", vatRate: "19.00" });
      await db.insert(webForms).values({ key: `form-${GROUP[name]}-${name.length}-${name}`, name });
    }
  });

  const lists: [string, string, (row: Record<string, string>) => string][] = [
    ["leads by name", "/api/v1/leads?sort=name", (r) => r.lastName ?? ""],
    ["leads by company", "/api/v1/leads?sort=companyName", (r) => r.companyName ?? ""],
    ["contacts by name", "/api/v1/contacts?sort=name", (r) => r.lastName ?? ""],
    ["companies by name", "/api/v1/companies?sort=name", (r) => r.name ?? ""],
    ["deals by title", "/api/v1/deals?sort=title", (r) => r.title ?? ""],
  ];
  for (const [what, url, nameOf] of lists) {
    it(`sorts ${what}: Ä with A, Ö with O, Ü with U, ß as ss, both ways and across pages`, async () => {
      expect(groups(await allPages(url, nameOf))).toEqual(ASCENDING);
      const descending = url.replace("sort=", "sort=-");
      expect(groups(await allPages(descending, nameOf))).toEqual([...ASCENDING].reverse());
    });
  }

  it("sorts users, teams, web forms and products by name the same way", async () => {
    for (const url of ["/api/v1/users?", "/api/v1/teams?", "/api/v1/forms?", "/api/v1/products?sort=name"]) {
      expect(groups(await allPages(url, (r) => r.name ?? "")), url).toEqual(ASCENDING);
    }
  });
});

describe("search folds German spellings on every list", () => {
  /** The one record of each list the searches are after (the sort test's Straße and Strasse match too). */
  const target: Record<string, string> = {};
  /** A record stored in transliteration ("Muellerhaus"), which a query with umlauts finds too. */
  const transliterated: Record<string, string> = {};
  beforeAll(async () => {
    const db = t.database.db;
    const team = await buildTeam(db);
    const owner = await buildUser(db, { role: "sales", team });
    const company = await buildCompany(db, { team, owner, name: "Bäßler Straßenbau" });
    target.companies = company.id;
    target.leads = (
      await buildLead(db, { team, owner, firstName: "Jörg", lastName: "Bäßler", companyName: "Straßenbau" })
    ).id;
    target.contacts = (
      await buildContact(db, { team, owner, firstName: "Jörg", lastName: "Bäßler", jobTitle: "Straße" })
    ).id;
    target.deals = (await buildDeal(db, { team, owner, company, title: "Jörg Bäßler Straße" })).id;
    transliterated.companies = (await buildCompany(db, { team, owner, name: "Muellerhaus GmbH" })).id;
    transliterated.leads = (await buildLead(db, { team, owner, lastName: "Muellerhaus" })).id;
    transliterated.contacts = (await buildContact(db, { team, owner, lastName: "Muellerhaus" })).id;
    transliterated.deals = (await buildDeal(db, { team, owner, title: "Muellerhaus" })).id;
  });

  const found = async (list: string, q: string, wanted = target) => {
    const res = await admin.get(`/api/v1/${list}?q=${encodeURIComponent(q)}&limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ data: { id: string }[] }>().data.some((r) => r.id === wanted[list]);
  };

  for (const list of ["leads", "contacts", "companies", "deals"]) {
    it(`finds Jörg Bäßler of Straße… in ${list} however it is spelt`, async () => {
      const queries =
        list === "companies"
          ? ["baessler", "bassler", "Bäßler", "BÄSSLER", "strasse", "Straße", "STRASSENBAU"]
          : ["joerg", "jorg", "Jörg", "JOERG", "baessler", "bassler", "Bäßler", "strasse", "Straße"];
      for (const q of queries) expect(await found(list, q), `${list} ?q=${q}`).toBe(true);
      for (const q of ["jeorg", "baesler", "strase"])
        expect(await found(list, q), `${list} ?q=${q}`).toBe(false);
      for (const q of ["Müllerhaus", "muellerhaus", "MÜLLERHAUS"]) {
        expect(await found(list, q, transliterated), `${list} ?q=${q}`).toBe(true);
      }
    });
  }
});
