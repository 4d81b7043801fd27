import { buildTestApp, type TestApp } from "@test/app";
import { buildTeam } from "@test/factories";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const ids = (res: { json(): { data: { id: string }[] } }) => res.json().data.map((c) => c.id);

describe("GET /api/v1/contacts search", () => {
  it("ignores case and accents: muller finds Müller, also by first and last name together", async () => {
    const { client } = await teamWithSales(t);
    const mueller = (
      await client.post("/api/v1/contacts", {
        firstName: "Jürgen",
        lastName: "Müller",
        jobTitle: "Geschäftsführer",
      })
    ).json();
    await client.post("/api/v1/contacts", { lastName: "Schmidt" });
    expect(ids(await client.get("/api/v1/contacts?q=muller"))).toEqual([mueller.id]);
    expect(ids(await client.get("/api/v1/contacts?q=MÜLLER"))).toEqual([mueller.id]);
    expect(ids(await client.get("/api/v1/contacts?q=jurgen%20muller"))).toEqual([mueller.id]);
    expect(ids(await client.get("/api/v1/contacts?q=geschaftsfuhrer"))).toEqual([mueller.id]);
  });

  it("finds by primary email and by phone in either notation, and treats % and _ literally", async () => {
    const { client } = await teamWithSales(t);
    const c = (
      await client.post("/api/v1/contacts", {
        lastName: "Phone",
        email: "p.hone@example.org",
        phone: "089 5551234",
      })
    ).json();
    expect(ids(await client.get("/api/v1/contacts?q=p.hone@example"))).toEqual([c.id]);
    expect(ids(await client.get("/api/v1/contacts?q=5551234"))).toEqual([c.id]);
    expect(ids(await client.get(`/api/v1/contacts?q=${encodeURIComponent("+49895551234")}`))).toEqual([c.id]);
    expect(ids(await client.get("/api/v1/contacts?q=%25"))).toEqual([]);
    expect(ids(await client.get("/api/v1/contacts?q=_"))).toEqual([]);
  });
});

describe("GET /api/v1/contacts filters", () => {
  it("filters by company, owner, mine, team, tags and creation time", async () => {
    const team = await buildTeam(t.database.db);
    const { user, client } = await signedIn(t, "sales", team);
    const company = (await client.post("/api/v1/companies", { name: "Filter KG" })).json();
    const a = (
      await client.post("/api/v1/contacts", { lastName: "A", companyId: company.id, tags: ["vip"] })
    ).json();
    const b = (
      await client.post("/api/v1/contacts", { lastName: "B", ownerId: null, tags: ["cold"] })
    ).json();
    const q = (params: string) => client.get(`/api/v1/contacts?teamId=${team.id}&${params}`);
    expect(ids(await q(`companyId=${company.id}`))).toEqual([a.id]);
    expect(ids(await q(`ownerId=${user.id}`))).toEqual([a.id]);
    expect(ids(await q("ownerId=none"))).toEqual([b.id]);
    expect(ids(await q("mine=true"))).toEqual([a.id]);
    expect(ids(await q("tags=vip,other"))).toEqual([a.id]);
    expect(ids(await q("sort=name"))).toEqual([a.id, b.id]);
    expect(ids(await q("sort=-name"))).toEqual([b.id, a.id]);
    expect(ids(await q(`createdFrom=${encodeURIComponent(b.createdAt)}`))).toContain(b.id);
    expect(ids(await q("createdFrom=2000-01-01T00:00:00Z")).sort()).toEqual([a.id, b.id].sort());
    expect(ids(await q("createdTo=2000-01-01T00:00:00Z"))).toEqual([]);
    expect((await q("")).json().data[1].companyName).toBe("Filter KG");
  });

  it("refuses unknown sorts and filters with 400 and pages above 200", async () => {
    const { client } = await signedIn(t, "admin");
    const res = await client.get("/api/v1/contacts?sort=shoeSize&status=new");
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["sort", "status"]);
    expect((await client.get("/api/v1/contacts?limit=201")).statusCode).toBe(400);
    expect((await client.get("/api/v1/contacts?cursor=garbage")).statusCode).toBe(400);
  });

  it("refuses a cursor taken under another sort, or a tampered one, with 400 on cursor", async () => {
    const { client } = await teamWithSales(t);
    for (const lastName of ["One", "Two", "Three"]) await client.post("/api/v1/contacts", { lastName });
    const byName = (await client.get("/api/v1/contacts?sort=name&limit=1")).json();
    expect(
      (await client.get(`/api/v1/contacts?sort=name&limit=1&cursor=${byName.nextCursor}`)).statusCode,
    ).toBe(200);
    const tampered = Buffer.from(JSON.stringify(["-createdAt", "yesterday", "x"])).toString("base64url");
    for (const url of [
      `/api/v1/contacts?sort=-createdAt&cursor=${byName.nextCursor}`,
      `/api/v1/contacts?cursor=${tampered}`,
    ]) {
      const res = await client.get(url);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        { path: "cursor", message: "Invalid cursor", code: "cursor_invalid" },
      ]);
    }
  });

  it("does not show the name of a linked company the caller cannot see", async () => {
    const a = await teamWithSales(t);
    const admin = await signedIn(t, "admin");
    const company = (
      await admin.client.post("/api/v1/companies", { name: "Secret Holding", ownerId: null })
    ).json();
    const contact = (
      await admin.client.post("/api/v1/contacts", {
        lastName: "Visible",
        companyId: company.id,
        teamId: a.team.id,
      })
    ).json();
    expect(contact.companyName).toBe("Secret Holding");
    const seen = (await a.client.get(`/api/v1/contacts/${contact.id}`)).json();
    expect(seen).toMatchObject({ companyId: company.id, companyName: null });
    expect(
      (await a.client.get(`/api/v1/contacts?teamId=${a.team.id}`)).json().data[0].companyName,
    ).toBeNull();
  });
});

describe("keyset pagination", () => {
  it("walks every visible contact exactly once, in order, for every sort", async () => {
    const team = await buildTeam(t.database.db);
    const { client } = await signedIn(t, "sales", team);
    const names = [
      ["Zeta", "Anna"],
      ["Alpha", null],
      ["Zeta", "Anna"],
      ["Émile", "Ökonom"],
      ["alpha", "Bert"],
      ["Mitte", null],
      ["Zeta", "Anna"],
    ] as const;
    for (const [lastName, firstName] of names) await client.post("/api/v1/contacts", { lastName, firstName });
    // Someone else's contact in another team must never show up in the walk.
    await (await teamWithSales(t)).client.post("/api/v1/contacts", { lastName: "Alpha" });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("createdAt", "-createdAt", "name", "-name", "updatedAt", "-updatedAt"),
        fc.integer({ min: 1, max: 4 }),
        async (sort, limit) => {
          const all = ids(await client.get(`/api/v1/contacts?sort=${sort}&limit=200`));
          const walked: string[] = [];
          let cursor: string | null = null;
          do {
            const url: string = `/api/v1/contacts?sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
            const page: { data: { id: string }[]; nextCursor: string | null } = (
              await client.get(url)
            ).json();
            walked.push(...page.data.map((c) => c.id));
            cursor = page.nextCursor;
          } while (cursor && walked.length <= names.length);
          expect(walked).toEqual(all);
          expect(new Set(walked).size).toBe(names.length);
        },
      ),
      { numRuns: 15 },
    );
  });
});
