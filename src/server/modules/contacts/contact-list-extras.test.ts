import { auditLog, contacts } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { excelCells, formulaCells } from "@test/csv-excel";
import { buildCompany, buildContact } from "@test/factories-crm";
import { teamWithSales } from "@test/lead-helpers";
import { parse } from "csv-parse/sync";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe("POST /api/v1/contacts/bulk and /companies/bulk", () => {
  it("assigns, tags and deletes the visible ones and reports the others as not found", async () => {
    const { team, user, client } = await teamWithSales(t);
    const db = t.database.db;
    const a = await buildContact(db, { team, tags: ["old"] });
    const b = await buildContact(db, { team, tags: [] });
    const foreign = await buildContact(db, {});

    const assign = await client.post("/api/v1/contacts/bulk", {
      action: "assign",
      ids: [a.id, b.id, foreign.id],
      ownerId: user.id,
    });
    expect(assign.statusCode).toBe(200);
    expect(assign.json()).toEqual({
      updated: [a.id, b.id].sort(),
      skipped: [{ id: foreign.id, reason: "Contact not found", code: "not_found" }],
    });
    const tag = await client.post("/api/v1/contacts/bulk", {
      action: "tag",
      ids: [a.id, b.id],
      add: ["messe"],
      remove: ["old"],
    });
    expect(tag.statusCode).toBe(200);
    const rows = await db
      .select()
      .from(contacts)
      .where(inArray(contacts.id, [a.id, b.id, foreign.id]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a.id)).toMatchObject({ ownerId: user.id, tags: ["messe"] });
    expect(byId.get(b.id)).toMatchObject({ ownerId: user.id, tags: ["messe"] });
    expect(byId.get(foreign.id)?.ownerId).not.toBe(user.id);

    expect((await client.post("/api/v1/contacts/bulk", { action: "delete", ids: [a.id] })).statusCode).toBe(
      200,
    );
    expect((await client.get(`/api/v1/contacts/${a.id}`)).statusCode).toBe(404);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, a.id));
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(["contact.updated", "contact.deleted"]),
    );

    const company = await buildCompany(db, { team });
    const companyTag = await client.post("/api/v1/companies/bulk", {
      action: "tag",
      ids: [company.id],
      add: ["vip"],
    });
    expect(companyTag.json()).toEqual({ updated: [company.id], skipped: [] });
  });
});

describe("GET /api/v1/contacts/export.csv and /companies/export.csv", () => {
  it("exports the filtered list, visible rows only, with formula cells neutralised", async () => {
    const { team, client } = await teamWithSales(t);
    const db = t.database.db;
    await buildContact(db, { team, firstName: '=HYPERLINK("x")', lastName: "Formel", tags: ["csv"] });
    await buildContact(db, { team, firstName: "Ärger", lastName: "Umlaut", tags: ["csv"] });
    await buildContact(db, { team, lastName: "Ungefiltert", tags: [] });
    await buildContact(db, { lastName: "Fremd", tags: ["csv"] });
    const res = await client.get("/api/v1/contacts/export.csv?tags=csv&sort=name");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toMatch(
      /attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    // Records, not lines: the address block is one cell over several lines (DIN 5008).
    const lines: string[][] = parse(res.body, { bom: true });
    expect(lines[0]?.join(",")).toMatch(/^id,salutation,title,firstName,lastName,companyName/);
    expect(lines).toHaveLength(3);
    expect(res.body).toContain(`"'=HYPERLINK(""x"")"`);
    expect(res.body).toContain("Ärger");
    expect(res.body).not.toContain("Fremd");

    await buildCompany(db, { team, name: "+Plus AG", tags: ["csv"] });
    const companiesCsv = await client.get("/api/v1/companies/export.csv?tags=csv");
    expect(companiesCsv.statusCode).toBe(200);
    expect(companiesCsv.body).toContain("'+Plus AG");
  });
});

describe("CSV exports read by German Excel (issue #14)", () => {
  it("quote contact and company cells holding ; so no cell of their own becomes a formula", async () => {
    const { team, client } = await teamWithSales(t);
    const db = t.database.db;
    await buildContact(db, { team, firstName: "Semi;=1+1", lastName: "Kolon", tags: ["excel"] });
    await buildCompany(db, { team, name: "Firma;@SUM(A1)", tags: ["excel"] });
    for (const url of ["/api/v1/contacts/export.csv?tags=excel", "/api/v1/companies/export.csv?tags=excel"]) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(200);
      const rows = excelCells(res.body, ";");
      expect(rows.length, url).toBeGreaterThan(1);
      expect(formulaCells(rows), url).toEqual([]);
    }
    const contacts = excelCells((await client.get("/api/v1/contacts/export.csv?tags=excel")).body, ",");
    expect(contacts[1]?.[(contacts[0] ?? []).indexOf("firstName")]).toBe("Semi;'=1+1");
  });
});
