import { leads } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildContact, buildLead } from "@test/factories-crm";
import { teamWithSales } from "@test/lead-helpers";
import { multipartBody } from "@test/multipart";
import { zipBomb } from "@test/zip-bomb";
import { eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function upload(client: Client, name: string, content: Buffer, fields: Record<string, string> = {}) {
  const body = multipartBody({ entity: "lead", ...fields }, { name, content });
  return client.request({ method: "POST", url: "/api/v1/imports", ...body });
}

async function runJobs() {
  await t.app.jobs.runDue();
}

/** A lead list as a German Excel writes it: Windows-1252, semicolons, CRLF, umlauts, five phone spellings. */
function germanExcelCsv(unique: string) {
  const lines = [
    "Anrede;Vorname;Nachname;Firma;E-Mail;Telefon;Straße;PLZ;Ort;Quelle",
    `Herr;Jürgen;Müller;Bäckerei Größe GmbH;juergen.${unique}@example.de;0171 1234567;Hauptstraße 5;80331;München;Messe`,
    `Frau;Änne;Schäfer;Öko AG;aenne.${unique}@example.de;+49 30 1234567;Königsallee 1;40212;Düsseldorf;Empfehlung`,
    `;Ülrich;Weiß;;kaputt-at-example.de;(089) 123 456;;;;`,
    `;Björn;Straßer;;bjoern.${unique}@example.de;0049-40-987654;;;Hamburg;Webinar`,
    `;Doppel;Kontakt;;known.${unique}@example.de;+49 (0)221 555 01;;;Köln;`,
    `;=HYPERLINK("http://evil");Formel;;formel.${unique}@example.de;089/555-0102;;;;`,
  ];
  return iconv.encode(`${lines.join("\r\n")}\r\n`, "windows-1252");
}

describe("POST /api/v1/imports → mapping → dry run → start → undo", () => {
  it("imports a German Excel CSV through the intake pipeline: detection, mapping, dry run, job, error file, undo", async () => {
    const { team, user, client } = await teamWithSales(t);
    const db = t.database.db;
    const unique = String(Date.now());
    const known = await buildContact(db, {
      team,
      owner: user,
      lastName: "Kontakt",
      email: `known.${unique}@example.de`,
    });
    const existing = await buildLead(db, {
      team,
      owner: user,
      lastName: "Schäfer",
      email: `aenne.${unique}@example.de`,
      city: null,
    });

    const res = await upload(client, "messe.csv", germanExcelCsv(unique));
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.detected).toMatchObject({ format: "csv", encoding: "windows-1252", delimiter: ";" });
    expect(created.columns).toContain("Straße");
    expect(created.mapping).toMatchObject({
      Vorname: "firstName",
      Nachname: "lastName",
      Firma: "companyName",
      "E-Mail": "email",
      Telefon: "phone",
      Straße: "street",
      PLZ: "postalCode",
      Ort: "city",
      Quelle: "source",
    });
    expect(created.counts.total).toBe(6);

    const dry = await client.request({
      method: "PUT",
      url: `/api/v1/imports/${created.id}/mapping`,
      payload: {
        columns: created.mapping,
        duplicatePolicy: "fill_empty",
        matchOn: ["email", "phone"],
        locale: "de",
      },
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().counts).toMatchObject({ total: 6, create: 3, update: 1, linked: 1, error: 1 });
    const updates = (await client.get(`/api/v1/imports/${created.id}/rows?outcome=update`)).json();
    expect(updates.data[0].detail).toMatchObject({
      duplicateOf: { kind: "lead", id: existing.id, key: "email" },
      changes: { city: { from: null, to: "Düsseldorf" } },
    });
    const errors = (await client.get(`/api/v1/imports/${created.id}/rows?outcome=error`)).json();
    expect(errors.data).toHaveLength(1);
    expect(errors.data[0]).toMatchObject({
      rowNo: 3,
      detail: { errors: [{ column: "E-Mail", code: "email_invalid" }] },
    });
    // Nothing written yet.
    expect(await db.select().from(leads).where(eq(leads.sourceDetail, "messe.csv"))).toHaveLength(0);

    const started = await client.post(`/api/v1/imports/${created.id}/start`);
    expect(started.statusCode, started.body).toBe(200);
    await runJobs();
    const done = (await client.get(`/api/v1/imports/${created.id}`)).json();
    expect(done.status).toBe("done");
    expect(done.counts).toMatchObject({ done: 6, create: 3, update: 1, linked: 1, error: 1 });

    const imported = await db.select().from(leads).where(eq(leads.sourceDetail, "messe.csv"));
    expect(imported).toHaveLength(4);
    const juergen = imported.find((l) => l.firstName === "Jürgen");
    expect(juergen).toMatchObject({
      street: "Hauptstraße 5",
      city: "München",
      source: "trade_show",
      phoneNormalized: "+491711234567",
    });
    expect(imported.find((l) => l.lastName === "Straßer")?.phoneNormalized).toBe("+4940987654");
    expect(imported.find((l) => l.lastName === "Formel")?.firstName).toBe('=HYPERLINK("http://evil")');
    expect(imported.find((l) => l.lastName === "Kontakt")?.contactId).toBe(known.id);
    const [updated] = await db.select().from(leads).where(eq(leads.id, existing.id));
    expect(updated?.city).toBe("Düsseldorf");

    const errorFile = await client.get(`/api/v1/imports/${created.id}/errors`);
    expect(errorFile.statusCode).toBe(200);
    expect(errorFile.headers["content-type"]).toContain("windows-1252");
    const text = iconv.decode(errorFile.rawPayload, "windows-1252");
    const [header, row, ...rest] = text.trim().split("\r\n");
    expect(header).toBe("Anrede;Vorname;Nachname;Firma;E-Mail;Telefon;Straße;PLZ;Ort;Quelle;Fehler");
    expect(row).toContain("Ülrich;Weiß");
    expect(row).toContain("E-Mail:");
    expect(rest).toHaveLength(0);

    // Someone edits one imported lead; the undo leaves it and says so.
    const edited = imported.find((l) => l.lastName === "Straßer");
    expect(edited).toBeDefined();
    const patched = await client.patch(`/api/v1/leads/${edited?.id}`, {
      version: edited?.version,
      city: "Altona",
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const undo = await client.post(`/api/v1/imports/${created.id}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    await runJobs();
    const undone = (await client.get(`/api/v1/imports/${created.id}`)).json();
    expect(undone.status).toBe("undone");
    const after = await db
      .select()
      .from(leads)
      .where(
        inArray(
          leads.id,
          imported.map((l) => l.id),
        ),
      );
    expect(after.filter((l) => l.deletedAt === null).map((l) => l.lastName)).toEqual(["Straßer"]);
    const [restored] = await db.select().from(leads).where(eq(leads.id, existing.id));
    expect(restored?.city).toBeNull();
  });

  it("reads an XLSX (a chosen sheet's first), formulas as text, and refuses hostile files naming row and column", async () => {
    const { client } = await teamWithSales(t);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Leads");
    sheet.addRow(["First name", "Last name", "Email", "Phone"]);
    sheet.addRow(["Ada", "Lovelace", "ada@example.com", "+44 20 7946 0018"]);
    sheet.addRow(["Calc", { formula: "1+1", result: 2 }, "calc@example.com", ""]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const ok = await upload(client, "leads.xlsx", xlsx);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ detected: { format: "xlsx" }, counts: { total: 2 } });
    expect(ok.json().mapping).toMatchObject({ "First name": "firstName", Email: "email" });

    const truncated = await upload(client, "broken.xlsx", xlsx.subarray(0, Math.floor(xlsx.length / 2)));
    expect(truncated.statusCode).toBe(422);
    expect(truncated.json().errors[0].path).toBe("file");

    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(2000, 1),
    ]);
    const binary = await upload(client, "photo.csv", png);
    expect(binary.statusCode).toBe(422);
    expect(binary.json().code).toBe("import_not_a_table");

    const unbalanced = await upload(client, "quotes.csv", Buffer.from('a,b\n1,"open\n2,3\n'));
    expect(unbalanced.statusCode).toBe(422);
    expect(unbalanced.json()).toMatchObject({
      code: "import_quote_unclosed",
      params: { row: expect.any(Number) },
    });

    const wide = await upload(
      client,
      "wide.csv",
      Buffer.from(`${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(",")}\n`),
    );
    expect(wide.statusCode).toBe(422);
    expect(wide.json()).toMatchObject({ code: "import_too_many_columns", params: { row: 1, count: 10_000 } });

    const nul = await upload(client, "nul.csv", Buffer.from("Vorname;Nachname\nA;B\nC;D\u0000E\n"));
    expect(nul.statusCode).toBe(422);
    expect(nul.json()).toMatchObject({ code: "import_nul_byte", params: { row: 3, column: 2 } });

    const bigCell = await upload(
      client,
      "big.csv",
      Buffer.from(`Name;Notiz\nA;"${"x".repeat(10 * 1024 * 1024)}"\n`),
    );
    expect(bigCell.statusCode).toBe(422);
    expect(bigCell.json().code).toBe("import_cell_too_long");

    const bomb = await upload(client, "bomb.xlsx", zipBomb(300 * 1024 * 1024));
    expect(bomb.statusCode).toBe(422);
    expect(bomb.json().code).toBe("import_xlsx_too_big");

    const health = await client.get("/api/v1/health");
    expect(health.statusCode).toBe(200);
  });

  it("cancels between batches: a cancelled import writes nothing more, and cannot start again", async () => {
    const { client } = await teamWithSales(t);
    const res = await upload(
      client,
      "cancel.csv",
      Buffer.from("Nachname;E-Mail\nEins;eins@cancel.example\nZwei;zwei@cancel.example\n"),
    );
    const id = res.json().id;
    await client.request({
      method: "PUT",
      url: `/api/v1/imports/${id}/mapping`,
      payload: { columns: res.json().mapping },
    });
    // The test app's runner is held (test/app.ts): the job cannot start between the two requests.
    expect((await client.post(`/api/v1/imports/${id}/start`)).statusCode).toBe(200);
    const cancelled = await client.post(`/api/v1/imports/${id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: "cancelled" });
    await runJobs();
    expect((await client.get(`/api/v1/imports/${id}`)).json()).toMatchObject({
      status: "cancelled",
      counts: { done: 0 },
    });
    expect(await t.database.db.select().from(leads).where(eq(leads.sourceDetail, "cancel.csv"))).toHaveLength(
      0,
    );
    const again = await client.post(`/api/v1/imports/${id}/start`);
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe("import_wrong_state");
  });

  it("shows an import only to whoever uploaded it", async () => {
    const { client } = await teamWithSales(t);
    const other = await teamWithSales(t);
    const res = await upload(client, "mine.csv", Buffer.from("Nachname\nEins\n"));
    expect(res.statusCode).toBe(201);
    expect((await other.client.get(`/api/v1/imports/${res.json().id}`)).statusCode).toBe(404);
  });
});
