import type { Db } from "@server/db/client";
import * as schema from "@server/db/schema";
import { auditLog, companies, leads } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { excelCells } from "@test/csv-excel";
import * as cf from "@test/custom-field-fixture";
import { signedIn } from "@test/lead-helpers";
import { multipartBody } from "@test/multipart";
import { and, eq } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as repo from "./import.repository";
import { applyLeadBatch, planLeadRows } from "./lead-import";

let t: TestApp;
/** The tests that run several imports through the job (each a few seconds alone) on a busy machine. */
const IMPORT_TEST_MS = 120_000;
let admin: Client;
let adminId: string;
let adminEmail: string;

async function upload(entity: string, lines: string[]) {
  const body = multipartBody({ entity }, { name: `${entity}.csv`, content: Buffer.from(lines.join("\r\n")) });
  const res = await admin.request({ method: "POST", url: "/api/v1/imports", ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; mapping: Record<string, string | null> };
}

async function mapAndRun(id: string, payload: Record<string, unknown>) {
  const dry = await admin.request({ method: "PUT", url: `/api/v1/imports/${id}/mapping`, payload });
  expect(dry.statusCode, dry.body).toBe(200);
  expect((await admin.post(`/api/v1/imports/${id}/start`)).statusCode).toBe(200);
  await t.app.jobs.runDue();
  return dry.json() as { counts: Record<string, number> };
}

beforeAll(async () => {
  t = await buildTestApp();
  const a = await signedIn(t, "admin");
  admin = a.client;
  adminId = a.user.id;
  adminEmail = a.user.email;
  const branche = cf.brancheField([
    cf.option("bau", "Bauwesen", "Construction"),
    cf.option("it", "Informatik", "IT"),
  ]);
  await cf.defineFields(admin, "lead", [
    branche,
    cf.staffField,
    cf.firstCallField("firstCall"),
    cf.ndaField,
    cf.championField,
  ]);
  // The company's sector shares the choice and its label "Branche" with the built-in industry: a
  // field from before such labels were refused.
  await cf.defineFieldFromBefore(t, "company", { ...branche, key: "sector" });
  await cf.defineField(admin, { entity: "company", ...cf.moneyField("budget") });
});
afterAll(() => t.close());

describe("custom fields in the import", () => {
  it("maps lead columns by their labels, reads German numbers, days, labels and Ja; a bad value is an error row naming the column", async () => {
    const u = String(Date.now());
    const imp = await upload("lead", [
      "Nachname;E-Mail;Branche;Mitarbeiter;Erstanruf;NDA;Fürsprecher",
      `Erst;erst.${u}@example.de;Bauwesen;1.234,5;23.11.2026;Ja;${adminEmail.toUpperCase()}`,
      `Zweit;zweit.${u}@example.de;Sonstiges;12;;nein;`,
      `Dritt;dritt.${u}@example.de;Altbau;zwölf;31.02.2026;;`,
    ]);
    expect(imp.mapping).toMatchObject({
      Branche: "cf.branche",
      Mitarbeiter: "cf.staff",
      Erstanruf: "cf.firstCall",
      NDA: "cf.nda",
      Fürsprecher: "cf.champion",
    });
    // "Altbau" goes to bau through the value mapping step; "Sonstiges" stays unknown.
    const dry = await mapAndRun(imp.id, {
      columns: imp.mapping,
      locale: "de",
      duplicatePolicy: "skip",
      matchOn: ["email"],
      valueMapping: { "cf.branche": { Altbau: "bau" } },
    });
    expect(dry.counts).toMatchObject({ total: 3, create: 1, error: 2 });
    const [made] = await t.database.db
      .select({ customFields: leads.customFields })
      .from(leads)
      .where(eq(leads.email, `erst.${u}@example.de`));
    expect(made?.customFields).toEqual({
      branche: "bau",
      staff: 1234.5,
      firstCall: "2026-11-23",
      nda: true,
      champion: adminId,
    });
    const errors = await admin.get(`/api/v1/imports/${imp.id}/errors`);
    const rows = excelCells(errors.body, ";");
    expect(rows).toHaveLength(3);
    const errorColumn = (rows[0] ?? []).length - 1;
    expect(rows[1]?.[errorColumn]).toMatch(/^Branche: /);
    expect(rows[2]?.[errorColumn]).toMatch(/Mitarbeiter: .*Erstanruf: /);
  });

  it("imports company custom fields mapped by hand, reads money with its currency, and a template keeps the mapping", async () => {
    const u = String(Date.now());
    const imp = await upload("company", [
      "Name;Sektor;Etat",
      `Firma ${u};IT;12.500,00 EUR`,
      `Kaputt ${u};it;viel`,
    ]);
    const columns = { ...imp.mapping, Sektor: "cf.sector", Etat: "cf.budget" };
    const dry = await mapAndRun(imp.id, {
      columns,
      locale: "de",
      duplicatePolicy: "skip",
      matchOn: ["name"],
    });
    expect(dry.counts).toMatchObject({ create: 1, error: 1 });
    const [made] = await t.database.db
      .select({ customFields: companies.customFields })
      .from(companies)
      .where(eq(companies.name, `Firma ${u}`));
    expect(made?.customFields).toEqual({ sector: "it", budget: { amount: "12500.00", currency: "EUR" } });

    const saved = await admin.post("/api/v1/import-templates", {
      entity: "company",
      name: `Mit Feldern ${u}`,
      columns,
      matchOn: ["name"],
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const again = await upload("company", ["Name;Sektor;Etat", `Noch ${u};Bauwesen;1,00`]);
    expect(again.mapping).toMatchObject({ Sektor: "cf.sector", Etat: "cf.budget" });
    const unknown = await admin.request({
      method: "PUT",
      url: `/api/v1/imports/${again.id}/mapping`,
      payload: { columns: { ...again.mapping, Etat: "cf.nope" }, matchOn: ["name"] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe("columns.Etat");
  });

  it(
    "gives a duplicate lead the row's custom values (overwrite, fill empty only), audits them, and the undo takes them back",
    async () => {
      const u = String(Date.now());
      const lead = async (lastName: string, email: string, customFields: Record<string, unknown>) => {
        const res = await admin.post("/api/v1/leads", { lastName, email, customFields });
        expect(res.statusCode, res.body).toBe(201);
        return res.json().id as string;
      };
      const overId = await lead("Über", `ueber.${u}@example.de`, { branche: "bau", staff: 10 });
      const fillId = await lead("Füll", `fuell.${u}@example.de`, { branche: "bau" });
      const customOf = async (id: string) =>
        (await t.database.db.select({ cf: leads.customFields }).from(leads).where(eq(leads.id, id)))[0]?.cf;

      const over = await upload("lead", [
        "Nachname;E-Mail;Branche;Mitarbeiter;Erstanruf",
        `Über;ueber.${u}@example.de;IT;20;01.12.2026`,
      ]);
      const dry = await mapAndRun(over.id, {
        columns: over.mapping,
        locale: "de",
        duplicatePolicy: "overwrite",
        matchOn: ["email"],
      });
      expect(dry.counts).toMatchObject({ total: 1, update: 1 });
      const preview = (await admin.get(`/api/v1/imports/${over.id}/rows?outcome=update`)).json();
      expect(preview.data[0].detail.changes).toEqual({
        "cf.branche": { from: "bau", to: "it" },
        "cf.staff": { from: 10, to: 20 },
        "cf.firstCall": { from: null, to: "2026-12-01" },
      });
      expect(await customOf(overId)).toEqual({ branche: "it", staff: 20, firstCall: "2026-12-01" });
      const entries = await t.database.db
        .select({ changes: auditLog.changes })
        .from(auditLog)
        .where(and(eq(auditLog.entityId, overId), eq(auditLog.action, "lead.updated")));
      expect(entries.map((e) => e.changes)).toContainEqual({
        customFields: {
          from: { branche: "bau", staff: 10 },
          to: { branche: "it", staff: 20, firstCall: "2026-12-01" },
        },
      });

      const fill = await upload("lead", [
        "Nachname;E-Mail;Branche;Mitarbeiter",
        `Füll;fuell.${u}@example.de;IT;30`,
      ]);
      const fillDry = await mapAndRun(fill.id, {
        columns: fill.mapping,
        locale: "de",
        duplicatePolicy: "fill_empty",
        matchOn: ["email"],
      });
      expect(fillDry.counts).toMatchObject({ total: 1, update: 1 });
      expect(await customOf(fillId)).toEqual({ branche: "bau", staff: 30 });

      expect((await admin.post(`/api/v1/imports/${over.id}/undo`)).statusCode).toBe(200);
      await t.app.jobs.runDue();
      expect(await customOf(overId)).toEqual({ branche: "bau", staff: 10 });
    },
    IMPORT_TEST_MS,
  );

  it(
    "gives a duplicate company the row's custom values through its change step (overwrite, fill empty only), audited and undone",
    async () => {
      const u = String(Date.now());
      const company = async (name: string) => {
        const res = await admin.post("/api/v1/companies", { name, customFields: { sector: "bau" } });
        expect(res.statusCode, res.body).toBe(201);
        return res.json().id as string;
      };
      const overId = await company(`Alt ${u}`);
      const fillId = await company(`Leer ${u}`);
      const customOf = async (id: string) =>
        (
          await t.database.db
            .select({ cf: companies.customFields })
            .from(companies)
            .where(eq(companies.id, id))
        )[0]?.cf;
      const run = async (line: string, duplicatePolicy: string) => {
        const imp = await upload("company", ["Name;Sektor;Etat", line]);
        const dry = await mapAndRun(imp.id, {
          columns: { ...imp.mapping, Sektor: "cf.sector", Etat: "cf.budget" },
          locale: "de",
          duplicatePolicy,
          matchOn: ["name"],
        });
        expect(dry.counts).toMatchObject({ total: 1, update: 1 });
        return imp.id;
      };
      const over = await run(`Alt ${u};IT;7,50`, "overwrite");
      expect(await customOf(overId)).toEqual({ sector: "it", budget: { amount: "7.50", currency: "EUR" } });
      const [entry] = await t.database.db
        .select({ changes: auditLog.changes })
        .from(auditLog)
        .where(and(eq(auditLog.entityId, overId), eq(auditLog.action, "company.updated")));
      expect(entry?.changes).toMatchObject({ customFields: { from: { sector: "bau" } } });
      await run(`Leer ${u};IT;8,00`, "fill_empty");
      expect(await customOf(fillId)).toEqual({ sector: "bau", budget: { amount: "8.00", currency: "EUR" } });

      expect((await admin.post(`/api/v1/imports/${over}/undo`)).statusCode).toBe(200);
      await t.app.jobs.runDue();
      expect(await customOf(overId)).toEqual({ sector: "bau" });
    },
    IMPORT_TEST_MS,
  );

  it(
    "writes a lead batch's custom values set-based: a batch of 24 rows costs the statements one of 6 does",
    async () => {
      const statements = async (n: number) => {
        const u = `${n}.${Date.now()}`;
        for (let i = 0; i < n; i++) {
          const res = await admin.post("/api/v1/leads", {
            lastName: `Alt ${i}`,
            email: `alt.${i}.${u}@example.de`,
            customFields: { staff: i },
          });
          expect(res.statusCode, res.body).toBe(201);
        }
        const lines = ["Nachname;E-Mail;Branche;Mitarbeiter"];
        for (let i = 0; i < n; i++)
          lines.push(
            `Alt ${i};alt.${i}.${u}@example.de;IT;${100 + i}`,
            `Neu ${i};neu.${i}.${u}@example.de;Bauwesen;${i}`,
          );
        const imp = await upload("lead", lines);
        const dry = await admin.request({
          method: "PUT",
          url: `/api/v1/imports/${imp.id}/mapping`,
          payload: { columns: imp.mapping, locale: "de", duplicatePolicy: "overwrite", matchOn: ["email"] },
        });
        expect(dry.json().counts).toMatchObject({ create: n, update: n });
        // The batch as the job writes it, on a second query builder over the same connection that counts.
        const counter = { statements: 0 };
        const logger = { logQuery: () => void counter.statements++ };
        const { pglite, pool } = t.database;
        const db: Db | undefined = pglite
          ? drizzlePglite(pglite, { schema, logger })
          : pool
            ? drizzleNodePg(pool, { schema, logger })
            : undefined;
        if (!db) throw new Error("no database client");
        const outcomes = await db.transaction(async (tx) => {
          const row = await repo.findImport(tx, imp.id, true);
          if (!row) throw new Error("the import is gone");
          const rows = await repo.dataRowsAfter(tx, imp.id, 0, 1000);
          counter.statements = 0;
          const plans = await planLeadRows(tx, row, rows, null);
          return (await applyLeadBatch(tx, row, plans)).outcomes;
        });
        expect(outcomes.filter((o) => o.outcome === "create")).toHaveLength(n);
        expect(outcomes.filter((o) => o.outcome === "update")).toHaveLength(n);
        const made = await t.database.db
          .select({ email: leads.email, cf: leads.customFields })
          .from(leads)
          .where(eq(leads.sourceDetail, "lead.csv"));
        for (let i = 0; i < n; i++) {
          expect(made.find((l) => l.email === `neu.${i}.${u}@example.de`)?.cf).toEqual({
            branche: "bau",
            staff: i,
          });
        }
        const updated = await t.database.db
          .select({ cf: leads.customFields })
          .from(leads)
          .where(eq(leads.email, `alt.0.${u}@example.de`));
        expect(updated[0]?.cf).toEqual({ branche: "it", staff: 100 });
        return counter.statements;
      };
      const small = await statements(3);
      expect(small).toBeGreaterThan(0);
      expect(await statements(12)).toBe(small);
    },
    IMPORT_TEST_MS,
  );
});
