import { companies, leads } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { excelCells } from "@test/csv-excel";
import { signedIn } from "@test/lead-helpers";
import { multipartBody } from "@test/multipart";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: Client;
let adminId: string;
let adminEmail: string;

async function define(body: Record<string, unknown>) {
  const response = await admin.post("/api/v1/custom-fields", body);
  expect(response.statusCode, response.body).toBe(201);
}

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
  const choice = {
    type: "choice",
    label: { de: "Branche", en: "Industry" },
    options: [
      { value: "bau", label: { de: "Bauwesen", en: "Construction" } },
      { value: "it", label: { de: "Informatik", en: "IT" } },
    ],
  };
  await define({ entity: "lead", key: "branche", ...choice });
  await define({ entity: "lead", key: "staff", type: "number", label: { de: "Mitarbeiter", en: "Staff" } });
  await define({
    entity: "lead",
    key: "firstCall",
    type: "date",
    label: { de: "Erstanruf", en: "First call" },
  });
  await define({ entity: "lead", key: "nda", type: "checkbox", label: { de: "NDA", en: "NDA" } });
  await define({
    entity: "lead",
    key: "champion",
    type: "user",
    label: { de: "Fürsprecher", en: "Champion" },
  });
  await define({ entity: "company", key: "sector", ...choice });
  await define({ entity: "company", key: "budget", type: "money", label: { de: "Budget", en: "Budget" } });
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
});
