import { companies } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildTeam } from "@test/factories";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const ids = (res: { json(): { data: { id: string }[] } }) => res.json().data.map((c) => c.id);

const fullCompany = {
  name: "Straßenbau Müller GmbH",
  website: "WWW.Strassenbau-Mueller.de/impressum",
  industry: "Construction",
  size: "51-200",
  vatId: "DE136695976",
  phone: "030 1234567",
  email: "info@strassenbau-mueller.de",
  billingAddress: { street: "Hauptstraße 1", postalCode: "10115", city: "Berlin", country: "DE" },
  shippingAddress: { street: "Lagerweg 5", postalCode: "12099", city: "Berlin", country: "DE" },
  description: "Road works in Berlin and Brandenburg",
  tags: ["bau", "a-kunde"],
};

describe("POST /api/v1/companies", () => {
  it("stores every field, derives the domain and answers the API shape", async () => {
    const { user, client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/companies", fullCompany);
    expect(res.statusCode).toBe(201);
    const company = res.json();
    expect(company).toMatchObject({
      ...fullCompany,
      website: "https://WWW.Strassenbau-Mueller.de/impressum",
      domain: "strassenbau-mueller.de",
      ownerId: user.id,
      teamId: user.teamId,
      parentCompanyId: null,
      version: 1,
    });
    expect(company).not.toHaveProperty("searchText");
    expect((await client.get(`/api/v1/companies/${company.id}`)).json()).toEqual(company);
  });

  it("names each bad field: unknown, malformed email, web address and phone, oversized, unknown size", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/companies", {
      name: "x".repeat(201),
      email: "nope",
      website: "not a url",
      phone: "12",
      size: "huge",
      billingAddress: { street: "A", planet: "Mars" },
      revenue: 12,
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["billingAddress.planet", "email", "name", "phone", "revenue", "size", "website"]);
    expect((await client.post("/api/v1/companies", {})).json().errors[0].path).toBe("name");
  });

  it("refuses a parent company the caller cannot see (422 on parentCompanyId)", async () => {
    const a = await teamWithSales(t);
    const b = await teamWithSales(t);
    const hidden = (await b.client.post("/api/v1/companies", { name: "Hidden Parent" })).json();
    const res = await a.client.post("/api/v1/companies", { name: "Child", parentCompanyId: hidden.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe("parentCompanyId");
  });
});

describe("PATCH /api/v1/companies/{id}", () => {
  it("answers 409 on a stale version or If-Match", async () => {
    const { client } = await signedIn(t, "sales");
    const company = (await client.post("/api/v1/companies", { name: "Version AG" })).json();
    expect(
      (await client.patch(`/api/v1/companies/${company.id}`, { industry: "IT", version: 1 })).statusCode,
    ).toBe(200);
    expect(
      (await client.patch(`/api/v1/companies/${company.id}`, { industry: "X", version: 1 })).statusCode,
    ).toBe(409);
    const header = await client.patch(
      `/api/v1/companies/${company.id}`,
      { industry: "X" },
      { "if-match": '"1"' },
    );
    expect(header.statusCode).toBe(409);
    expect((await client.get(`/api/v1/companies/${company.id}`)).json().industry).toBe("IT");
  });

  it("re-derives the domain, clears it with the website, and records the diff in the timeline", async () => {
    const { client } = await signedIn(t, "sales");
    const company = (
      await client.post("/api/v1/companies", { name: "Domain GmbH", website: "old.example" })
    ).json();
    expect(company.domain).toBe("old.example");
    const moved = (
      await client.patch(`/api/v1/companies/${company.id}`, { website: "https://www.new.example" })
    ).json();
    expect(moved.domain).toBe("new.example");
    const cleared = (await client.patch(`/api/v1/companies/${company.id}`, { website: null })).json();
    expect(cleared).toMatchObject({ website: null, domain: null });
    const timeline = (await client.get(`/api/v1/companies/${company.id}/timeline`)).json().data;
    expect(timeline.map((i: { action: string }) => i.action)).toEqual([
      "company.updated",
      "company.updated",
      "company.created",
    ]);
    expect(timeline[1].changes.website).toEqual({
      from: "https://old.example",
      to: "https://www.new.example",
    });
  });

  it("refuses a parent that would make a loop", async () => {
    const { client } = await signedIn(t, "sales");
    const top = (await client.post("/api/v1/companies", { name: "Top" })).json();
    const middle = (
      await client.post("/api/v1/companies", { name: "Middle", parentCompanyId: top.id })
    ).json();
    const bottom = (
      await client.post("/api/v1/companies", { name: "Bottom", parentCompanyId: middle.id })
    ).json();
    // Top under its own grandchild, and top under itself.
    for (const parent of [bottom.id, top.id]) {
      const res = await client.patch(`/api/v1/companies/${top.id}`, { parentCompanyId: parent });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].path).toBe("parentCompanyId");
    }
    expect(ids(await client.get(`/api/v1/companies?parentCompanyId=${top.id}`))).toEqual([middle.id]);
  });
});

describe("DELETE /api/v1/companies/{id}", () => {
  it("soft-deletes: gone from get and list, the row stays", async () => {
    const { client } = await signedIn(t, "sales");
    const company = (await client.post("/api/v1/companies", { name: "Vanished GmbH" })).json();
    expect((await client.delete(`/api/v1/companies/${company.id}`)).statusCode).toBe(204);
    expect((await client.get(`/api/v1/companies/${company.id}`)).statusCode).toBe(404);
    expect((await client.get("/api/v1/companies?q=vanished")).json().data).toEqual([]);
    const [row] = await t.database.db.select().from(companies).where(eq(companies.id, company.id));
    expect(row?.deletedAt).toBeInstanceOf(Date);
  });
});

describe("GET /api/v1/companies", () => {
  it("searches name, domain, email and phone ignoring case and accents", async () => {
    const { client } = await teamWithSales(t);
    const mueller = (
      await client.post("/api/v1/companies", {
        name: "Bäckerei Müller",
        website: "baeckerei.example",
        email: "kontakt@brot.example",
        phone: "+49 40 7654321",
      })
    ).json();
    await client.post("/api/v1/companies", { name: "Schmidt Bau" });
    for (const q of ["muller", "BACKEREI", "baeckerei.example", "kontakt@brot", "7654321"])
      expect(ids(await client.get(`/api/v1/companies?q=${encodeURIComponent(q)}`))).toEqual([mueller.id]);
  });

  it("walks every visible company exactly once, in order, for every sort", async () => {
    const team = await buildTeam(t.database.db);
    const { client } = await signedIn(t, "sales", team);
    const names = ["Zeta AG", "alpha GmbH", "Alpha GmbH", "Ökobau", "Mitte KG", "Zeta AG"];
    for (const name of names) await client.post("/api/v1/companies", { name, tags: ["walk"] });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("createdAt", "-createdAt", "name", "-name", "-updatedAt"),
        fc.integer({ min: 1, max: 4 }),
        async (sort, limit) => {
          const base = `/api/v1/companies?tags=walk&sort=${sort}`;
          const all = ids(await client.get(`${base}&limit=200`));
          const walked: string[] = [];
          let cursor: string | null = null;
          do {
            const url: string = `${base}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
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
      { numRuns: 12 },
    );
  });
});

describe("visibility", () => {
  it("answers 404 to sales of another team for read, edit, delete and timeline, and hides it in lists", async () => {
    const a = await teamWithSales(t);
    const b = await teamWithSales(t);
    const company = (await a.client.post("/api/v1/companies", { name: "Teamaonly GmbH" })).json();
    expect((await b.client.get(`/api/v1/companies/${company.id}`)).statusCode).toBe(404);
    expect((await b.client.patch(`/api/v1/companies/${company.id}`, { industry: "X" })).statusCode).toBe(404);
    expect((await b.client.delete(`/api/v1/companies/${company.id}`)).statusCode).toBe(404);
    expect((await b.client.get(`/api/v1/companies/${company.id}/timeline`)).statusCode).toBe(404);
    expect((await b.client.get("/api/v1/companies?q=teamaonly")).json().data).toEqual([]);
    expect(ids(await a.client.get("/api/v1/companies?q=teamaonly"))).toEqual([company.id]);
  });
});
