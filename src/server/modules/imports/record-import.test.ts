import { companies, contacts, dealContacts, deals } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildCompany, buildContact, buildDeal, buildPipeline } from "@test/factories-crm";
import { teamWithSales } from "@test/lead-helpers";
import { multipartBody } from "@test/multipart";
import { eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Each test walks upload, dry runs, the job and its undo: a minute or more on a loaded 2-core machine. */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** Upload, mapping and dry run of a semicolon CSV as German Excel writes it (UTF-8 here). */
async function dryRun(
  client: Client,
  entity: string,
  lines: string[],
  settings: { duplicatePolicy: string; matchOn: string[]; linkPolicy?: string },
) {
  const body = multipartBody(
    { entity },
    { name: `${entity}s.csv`, content: Buffer.from(lines.join("\r\n")) },
  );
  const res = await client.request({ method: "POST", url: "/api/v1/imports", ...body });
  expect(res.statusCode, res.body).toBe(201);
  const created = res.json();
  const dry = await client.request({
    method: "PUT",
    url: `/api/v1/imports/${created.id}/mapping`,
    payload: { columns: created.mapping, locale: "de", ...settings },
  });
  expect(dry.statusCode, dry.body).toBe(200);
  return { created, dry: dry.json() };
}

async function rows(client: Client, id: string, outcome: string) {
  return (await client.get(`/api/v1/imports/${id}/rows?outcome=${outcome}`)).json().data;
}

async function startAndRun(client: Client, id: string, action: "start" | "undo" = "start") {
  const started = await client.post(`/api/v1/imports/${id}/${action}`);
  expect(started.statusCode, started.body).toBe(200);
  await t.app.jobs.runDue();
  return (await client.get(`/api/v1/imports/${id}`)).json();
}

describe("importing contacts", () => {
  it("finds duplicates by email, E.164 phone and external id, fills empty fields, creates the named company, undoes", async () => {
    const { team, user, client } = await teamWithSales(t);
    const db = t.database.db;
    const u = String(Date.now());
    const byEmail = await buildContact(db, {
      team,
      owner: user,
      firstName: null,
      lastName: "Alt",
      email: `a.${u}@example.de`,
    });
    const byPhone = await buildContact(db, {
      team,
      owner: user,
      firstName: null,
      lastName: "Bee",
      phone: "+49 30 7654321",
      phoneNormalized: "+49307654321",
      email: null,
    });
    const byExternal = await buildContact(db, { team, owner: user, lastName: "Cee", externalId: `X-${u}` });
    const lines = [
      "Externe ID;Vorname;Nachname;Firma;E-Mail;Telefon;Geburtstag;Quelle",
      `;Anna;Neu;Neue Firma ${u} GmbH;anna.${u}@example.de;;23.11.1980;Messe`,
      `;Alfred;Alt;;A.${u}@example.de;;;`,
      ";Bernd;Bee;;;030 7654321;;",
      `X-${u};;Zett;;;;;`,
      ";Kaputt;K;;kaputt-at-example.de;;;",
      `;Doppel;Neu;;anna.${u}@example.de;;;`,
      ";Falsch;Datum;;;;31.02.1980;",
    ];
    const { created, dry } = await dryRun(client, "contact", lines, {
      duplicatePolicy: "fill_empty",
      matchOn: ["email", "phone", "externalId"],
      linkPolicy: "create",
    });
    expect(created.mapping).toMatchObject({
      "Externe ID": "externalId",
      Firma: "companyName",
      Geburtstag: "birthday",
    });
    expect(dry.counts).toMatchObject({ total: 7, create: 1, update: 2, duplicate: 2, error: 2 });
    const updates = await rows(client, created.id, "update");
    expect(updates.map((r: { detail: unknown }) => r.detail)).toEqual([
      expect.objectContaining({
        duplicateOf: { kind: "contact", id: byEmail.id, key: "email" },
        changes: { firstName: { from: null, to: "Alfred" } },
      }),
      expect.objectContaining({ duplicateOf: { kind: "contact", id: byPhone.id, key: "phone" } }),
    ]);
    const duplicates = await rows(client, created.id, "duplicate");
    expect(duplicates.map((r: { detail: unknown }) => r.detail)).toEqual([
      { duplicateOf: { kind: "contact", id: byExternal.id, key: "externalId" } },
      { duplicateOf: { kind: "row", rowNo: 1, key: "email" } },
    ]);
    const errors = await rows(client, created.id, "error");
    expect(errors.map((r: { detail: unknown }) => r.detail)).toEqual([
      { errors: [expect.objectContaining({ column: "E-Mail", code: "email_invalid" })] },
      { errors: [expect.objectContaining({ column: "Geburtstag", code: "import_date_invalid" })] },
    ]);
    // Overwrite would change the last name the external id's contact has.
    const overwrite = await client.request({
      method: "PUT",
      url: `/api/v1/imports/${created.id}/mapping`,
      payload: {
        columns: created.mapping,
        duplicatePolicy: "overwrite",
        matchOn: ["externalId"],
        linkPolicy: "create",
      },
    });
    expect(overwrite.json().counts).toMatchObject({ update: 1, create: 4 });
    await client.request({
      method: "PUT",
      url: `/api/v1/imports/${created.id}/mapping`,
      payload: {
        columns: created.mapping,
        duplicatePolicy: "fill_empty",
        matchOn: ["email", "phone", "externalId"],
        linkPolicy: "create",
      },
    });

    const done = await startAndRun(client, created.id);
    expect(done.status).toBe("done");
    expect(done.counts).toMatchObject({ done: 7, create: 1, update: 2, skipped: 2, error: 2 });
    const [anna] = await db
      .select()
      .from(contacts)
      .where(eq(contacts.email, `anna.${u}@example.de`));
    expect(anna).toMatchObject({ firstName: "Anna", birthday: "1980-11-23", leadSource: "trade_show" });
    const [company] = await db
      .select()
      .from(companies)
      .where(eq(companies.id, anna?.companyId ?? ""));
    expect(company?.name).toBe(`Neue Firma ${u} GmbH`);
    const [alfred] = await db.select().from(contacts).where(eq(contacts.id, byEmail.id));
    expect(alfred?.firstName).toBe("Alfred");

    const undone = await startAndRun(client, created.id, "undo");
    expect(undone.status).toBe("undone");
    const after = await db
      .select()
      .from(contacts)
      .where(inArray(contacts.id, [anna?.id ?? "", byEmail.id]));
    expect(after.find((c) => c.id === anna?.id)?.deletedAt).not.toBeNull();
    expect(after.find((c) => c.id === byEmail.id)?.firstName).toBeNull();
    const [companyAfter] = await db
      .select()
      .from(companies)
      .where(eq(companies.id, company?.id ?? ""));
    expect(companyAfter?.deletedAt).not.toBeNull();
  }, 120_000);
});

describe("importing companies", () => {
  it("finds duplicates by VAT id, domain, external id and name", async () => {
    const { team, user, client } = await teamWithSales(t);
    const db = t.database.db;
    const u = String(Date.now()).slice(-9);
    const vat = await buildCompany(db, {
      team,
      owner: user,
      name: `Vau ${u}`,
      vatId: `DE${u}`,
      industry: null,
    });
    const dom = await buildCompany(db, {
      team,
      owner: user,
      name: `Dom ${u}`,
      website: `https://dom-${u}.de`,
      domain: `dom-${u}.de`,
    });
    const named = await buildCompany(db, { team, owner: user, name: `Nordwind ${u} GmbH` });
    const ext = await buildCompany(db, { team, owner: user, name: `Ext ${u}`, externalId: `C-${u}` });
    const lines = [
      "Firma;Website;USt-IdNr.;Externe ID;Branche;Größe (Mitarbeitende)",
      `Vau Neu;;de ${u.slice(0, 3)} ${u.slice(3)};;Handel;`,
      `Dom Neu;www.dom-${u}.de;;;;`,
      `nordwind ${u} gmbh;;;;;`,
      `Ext Neu;;;C-${u};;`,
      `Brand ${u} GmbH;brand-${u}.de;;;IT;11-50`,
      `Groß ${u};;;;;riesig`,
    ];
    const { created, dry } = await dryRun(client, "company", lines, {
      duplicatePolicy: "fill_empty",
      matchOn: ["vatId", "domain", "externalId", "name"],
    });
    // Only the VAT id's company has an empty field the row fills; the others stay as they are.
    expect(dry.counts).toMatchObject({ total: 6, create: 1, update: 1, duplicate: 3, error: 1 });
    const found: { detail: { duplicateOf: { key: string } } }[] = [
      ...(await rows(client, created.id, "update")),
      ...(await rows(client, created.id, "duplicate")),
    ];
    const matched = found.map((r) => r.detail.duplicateOf).sort((a, b) => a.key.localeCompare(b.key));
    expect(matched).toEqual([
      { kind: "company", id: dom.id, key: "domain" },
      { kind: "company", id: ext.id, key: "externalId" },
      { kind: "company", id: named.id, key: "name" },
      { kind: "company", id: vat.id, key: "vatId" },
    ]);
    const errors = await rows(client, created.id, "error");
    expect(errors[0].detail.errors[0]).toMatchObject({
      column: "Größe (Mitarbeitende)",
      code: "import_choice_unknown",
    });

    const done = await startAndRun(client, created.id);
    expect(done.counts).toMatchObject({ create: 1, update: 1, skipped: 3, error: 1 });
    const [vatAfter] = await db.select().from(companies).where(eq(companies.id, vat.id));
    expect(vatAfter).toMatchObject({ industry: "Handel", name: `Vau ${u}` });
    const [brand] = await db
      .select()
      .from(companies)
      .where(eq(companies.name, `Brand ${u} GmbH`));
    expect(brand).toMatchObject({ size: "11-50", domain: `brand-${u}.de`, website: `https://brand-${u}.de` });

    await startAndRun(client, created.id, "undo");
    const [vatUndone] = await db.select().from(companies).where(eq(companies.id, vat.id));
    expect(vatUndone?.industry).toBeNull();
    const [brandUndone] = await db
      .select()
      .from(companies)
      .where(eq(companies.id, brand?.id ?? ""));
    expect(brandUndone?.deletedAt).not.toBeNull();
  }, 120_000);
});

describe("importing deals", () => {
  it("reads amounts and days in the file's locale, finds the named company and contact, overwrites by external id", async () => {
    const { team, user, client } = await teamWithSales(t);
    const db = t.database.db;
    const u = String(Date.now());
    const { stages } = await buildPipeline(db, { isDefault: true, name: `Import ${u}` });
    const company = await buildCompany(db, { team, owner: user, name: `Kunde ${u} AG` });
    const contact = await buildContact(db, {
      team,
      owner: user,
      lastName: "Kunz",
      email: `k.${u}@example.de`,
    });
    const existing = await buildDeal(db, {
      team,
      owner: user,
      stage: stages[0],
      externalId: `D1-${u}`,
      amount: "500.00",
    });
    const lines = [
      "Titel;Betrag;Erwarteter Abschluss;Wahrscheinlichkeit;Firma;Kontakt E-Mail;Externe ID",
      `Großauftrag;1.234,56;23.11.2026;40;Kunde ${u} AG;k.${u}@example.de;D2-${u}`,
      `Nachtrag;2.000,00;;;;;D1-${u}`,
      `Kaputt;12,5x;;;;;D3-${u}`,
      `Ohne Firma;;;;Unbekannt ${u} GmbH;;D4-${u}`,
    ];
    const { created, dry } = await dryRun(client, "deal", lines, {
      duplicatePolicy: "overwrite",
      matchOn: ["externalId"],
    });
    expect(dry.counts).toMatchObject({ total: 4, create: 1, update: 1, error: 2 });
    const update = (await rows(client, created.id, "update"))[0];
    expect(update.detail).toMatchObject({
      duplicateOf: { kind: "deal", id: existing.id, key: "externalId" },
      changes: {
        amount: { from: { amount: "500.00", currency: "EUR" }, to: { amount: "2000.00", currency: "EUR" } },
      },
    });
    const errors = await rows(client, created.id, "error");
    expect(errors.map((r: { detail: { errors: unknown[] } }) => r.detail.errors[0])).toEqual([
      expect.objectContaining({ column: "Betrag", code: "import_number_invalid" }),
      expect.objectContaining({ column: "Firma", code: "import_link_not_found" }),
    ]);

    const done = await startAndRun(client, created.id);
    expect(done.counts).toMatchObject({ create: 1, update: 1, error: 2 });
    const [big] = await db
      .select()
      .from(deals)
      .where(eq(deals.externalId, `D2-${u}`));
    expect(big).toMatchObject({
      title: "Großauftrag",
      amount: "1234.56",
      expectedCloseDate: "2026-11-23",
      probability: 40,
      companyId: company.id,
    });
    const links = await db
      .select()
      .from(dealContacts)
      .where(eq(dealContacts.dealId, big?.id ?? ""));
    expect(links.map((l) => l.contactId)).toEqual([contact.id]);
    const [changed] = await db.select().from(deals).where(eq(deals.id, existing.id));
    expect(changed?.amount).toBe("2000.00");

    await startAndRun(client, created.id, "undo");
    const [restored] = await db.select().from(deals).where(eq(deals.id, existing.id));
    expect(restored?.amount).toBe("500.00");
    const [removed] = await db
      .select()
      .from(deals)
      .where(eq(deals.id, big?.id ?? ""));
    expect(removed?.deletedAt).not.toBeNull();
    expect(removed?.externalId).toBeNull();
  }, 120_000);
});

describe("import templates and value mapping", () => {
  it("applies a saved mapping to an upload with its columns, maps file values to choices, lists and deletes", async () => {
    const { client } = await teamWithSales(t);
    const other = await teamWithSales(t);
    const u = String(Date.now());
    const lines = ["Kürzel;Bezeichnung;Kanal", `K1-${u};Alpha ${u};Stand`, `K2-${u};Beta ${u};Stand`];
    const upload = async () => {
      const body = multipartBody(
        { entity: "contact" },
        { name: "scanner.csv", content: Buffer.from(lines.join("\n")) },
      );
      const res = await client.request({ method: "POST", url: "/api/v1/imports", ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const first = await upload();
    expect(first.template).toBeNull();
    expect(first.mapping).toEqual({ Kürzel: null, Bezeichnung: null, Kanal: null });
    const columns = { Kürzel: "externalId", Bezeichnung: "lastName", Kanal: "leadSource" };
    const values = (await client.get(`/api/v1/imports/${first.id}/values?column=Kanal`)).json();
    expect(values.data).toEqual([{ value: "Stand", count: 2 }]);
    const unmapped = await client.request({
      method: "PUT",
      url: `/api/v1/imports/${first.id}/mapping`,
      payload: { columns, duplicatePolicy: "overwrite", matchOn: ["externalId"] },
    });
    expect(unmapped.json().counts).toMatchObject({ error: 2 });
    const valueMapping = { leadSource: { Stand: "trade_show" } };
    const mapped = await client.request({
      method: "PUT",
      url: `/api/v1/imports/${first.id}/mapping`,
      payload: { columns, valueMapping, duplicatePolicy: "overwrite", matchOn: ["externalId"] },
    });
    expect(mapped.json().counts).toMatchObject({ create: 2, error: 0 });

    const saved = await client.request({
      method: "POST",
      url: "/api/v1/import-templates",
      payload: {
        entity: "contact",
        name: `Scanner ${u}`,
        columns,
        valueMapping,
        duplicatePolicy: "overwrite",
        matchOn: ["externalId"],
      },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const wrongKey = await client.request({
      method: "POST",
      url: "/api/v1/import-templates",
      payload: { entity: "deal", name: "x", columns: {}, matchOn: ["vatId"] },
    });
    expect(wrongKey.statusCode).toBe(400);
    expect(wrongKey.json().errors[0].path).toBe("matchOn.0");

    const second = await upload();
    expect(second.template).toEqual({ id: saved.json().id, name: `Scanner ${u}` });
    expect(second).toMatchObject({
      mapping: columns,
      valueMapping,
      duplicatePolicy: "overwrite",
      matchOn: ["externalId"],
    });
    const listed = (await client.get("/api/v1/import-templates?entity=contact")).json();
    expect(listed.data.map((x: { name: string }) => x.name)).toContain(`Scanner ${u}`);

    const notYours = await other.client.request({
      method: "DELETE",
      url: `/api/v1/import-templates/${saved.json().id}`,
    });
    expect(notYours.statusCode).toBe(403);
    const deleted = await client.request({
      method: "DELETE",
      url: `/api/v1/import-templates/${saved.json().id}`,
    });
    expect(deleted.statusCode).toBe(204);
    expect((await upload()).template).toBeNull();
  }, 120_000);
});

describe("an XLSX with several sheets", () => {
  it("lists the sheets on upload and reads the one picked", async () => {
    const { client } = await teamWithSales(t);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Notizen").addRow(["Nur eine Notiz"]);
    const second = workbook.addWorksheet("Firmen & Partner");
    second.addRow(["Firma", "Website"]);
    second.addRow(["Erste GmbH", "erste.example"]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const send = (fields: Record<string, string>) =>
      client.request({
        method: "POST",
        url: "/api/v1/imports",
        ...multipartBody({ entity: "company", ...fields }, { name: "mappe.xlsx", content }),
      });
    const first = await send({});
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      sheets: ["Notizen", "Firmen & Partner"],
      columns: ["Nur eine Notiz"],
    });
    const picked = await send({ sheet: "Firmen & Partner" });
    expect(picked.statusCode, picked.body).toBe(201);
    expect(picked.json()).toMatchObject({
      detected: { sheet: "Firmen & Partner" },
      columns: ["Firma", "Website"],
      mapping: { Firma: "name", Website: "website" },
      counts: { total: 1 },
    });
  }, 120_000);
});
