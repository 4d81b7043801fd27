import { products } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { signedIn } from "@test/lead-helpers";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const product = (name: string, overrides: Record<string, unknown> = {}) => ({
  name,
  netPrice: { amount: "100.00", currency: "EUR" },
  vatRate: "19",
  ...overrides,
});

describe("/api/v1/products", () => {
  it("lets managers keep the price list and everyone read it", async () => {
    const manager = await signedIn(t, "manager");
    const sales = await signedIn(t, "sales");
    const created = await manager.client.post(
      "/api/v1/products",
      product("Wartungsvertrag", { sku: "WV-1", unit: "Monat" }),
    );
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: "Wartungsvertrag",
      sku: "WV-1",
      unit: "Monat",
      vatRate: "19",
      active: true,
    });
    expect((await sales.client.post("/api/v1/products", product("Nope"))).statusCode).toBe(403);
    expect((await sales.client.get(`/api/v1/products/${created.json().id}`)).statusCode).toBe(200);
    const changed = await manager.client.patch(`/api/v1/products/${created.json().id}`, {
      vatRate: "7",
      version: 1,
    });
    expect(changed.json()).toMatchObject({ vatRate: "7", version: 2 });
    const stale = await manager.client.patch(`/api/v1/products/${created.json().id}`, {
      name: "X",
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
  });

  it("refuses an unknown VAT rate, a taken SKU and a negative price by field", async () => {
    const { client } = await signedIn(t, "admin");
    const rate = await client.post("/api/v1/products", product("A", { vatRate: "16" }));
    expect(rate.statusCode).toBe(422);
    expect(rate.json().errors[0]).toMatchObject({ path: "vatRate", code: "vat_rate_unknown" });
    await client.post("/api/v1/products", product("B", { sku: "DUP-1" }));
    const taken = await client.post("/api/v1/products", product("C", { sku: "dup-1" }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].path).toBe("sku");
    const negative = await client.post(
      "/api/v1/products",
      product("D", { netPrice: { amount: "-1", currency: "EUR" } }),
    );
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].path).toBe("netPrice.amount");
  });

  it("searches by name or SKU and pages by keyset", async () => {
    const { client } = await signedIn(t, "admin");
    for (const name of ["Zubehör Kabel", "Zubehör Stecker", "Zubehör Adapter"])
      await client.post("/api/v1/products", product(name));
    const first = (await client.get("/api/v1/products?q=zubehor&limit=2")).json();
    expect(first.data.map((p: { name: string }) => p.name)).toEqual(["Zubehör Adapter", "Zubehör Kabel"]);
    const second = (await client.get(`/api/v1/products?q=zubehor&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.data.map((p: { name: string }) => p.name)).toEqual(["Zubehör Stecker"]);
    expect(second.nextCursor).toBeNull();
    expect((await client.get("/api/v1/products?cursor=bad")).statusCode).toBe(400);
  });
});

describe("CSV export and import", () => {
  it("exports in the German format and imports it back, updating by SKU, all or nothing", async () => {
    const { client } = await signedIn(t, "admin");
    await client.post(
      "/api/v1/products",
      product("Export Eins", { sku: "EX-1", netPrice: { amount: "1234.50", currency: "EUR" } }),
    );
    const csv = await client.get("/api/v1/products/export.csv?locale=de");
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("name;sku;description;unit;netPrice;vatRate;currency;active");
    expect(csv.body).toContain("Export Eins;EX-1;;Stk;1234,50;19;EUR;1");
    const english = await client.get("/api/v1/products/export.csv?locale=en");
    expect(english.body).toContain("Export Eins,EX-1,,Stk,1234.50,19,EUR,1");

    const upload = (body: string) =>
      client.request({
        method: "POST",
        url: "/api/v1/products/import",
        payload: body,
        headers: { "content-type": "text/csv" },
      });
    const imported = await upload(
      'name;sku;description;unit;netPrice;vatRate;currency;active\nExport Eins neu;EX-1;;Stk;1.500,00;7;EUR;1\nImport Zwei;IM-2;"Mit; Semikolon";h;99,90;19;EUR;0\n',
    );
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ created: 1, updated: 1 });
    const list = (await client.get("/api/v1/products?q=EX-1")).json();
    expect(list.data[0]).toMatchObject({
      name: "Export Eins neu",
      netPrice: { amount: "1500.00" },
      vatRate: "7",
    });

    const [before] = await t.database.db.select({ n: count() }).from(products);
    const bad = await upload("name,sku,netPrice,vatRate\nGut,G-1,10.00,19\nSchlecht,S-1,10.00,16\n");
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe("rows.2.vatRate");
    const nul = await upload("name,netPrice,vatRate\nA\u0000B,1.00,19\n");
    expect(nul.statusCode).toBe(400);
    const missing = await upload("name,sku\nA,B\n");
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0]).toMatchObject({ path: "file", code: "csv_column_missing" });
    const [after] = await t.database.db.select({ n: count() }).from(products);
    expect(after?.n).toBe(before?.n);
  });
});
