import { buildTestApp, Client, type TestApp } from "@test/app";
import { buildUser } from "@test/factories";
import { buildActivity, buildCompany, buildContact, buildDeal, buildPipeline } from "@test/factories-crm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `fields=` on every list (issue #22 point 7: contacts, companies, deals, activities, products); leads have their own tests in lead-list.test.ts.
let t: TestApp;
let admin: Client;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const user = await buildUser(db, { role: "admin" });
  admin = new Client(t.app);
  await admin.login(user.email, user.password);
  const { stages } = await buildPipeline(db, { isDefault: true });
  const company = await buildCompany(db, { owner: user });
  const contact = await buildContact(db, { owner: user, company });
  const deal = await buildDeal(db, { owner: user, company, contacts: [contact], stage: stages[0] });
  const activity = await buildActivity(db, { owner: user, deal, type: "call" });
  // The price list has no ids filter; its search finds this one product.
  const product = await admin.post("/api/v1/products", {
    name: "Wartungsvertrag Feldtest",
    netPrice: { amount: "90.00", currency: "EUR" },
    vatRate: "19",
  });
  expect(product.statusCode).toBe(201);
  Object.assign(ids, {
    companies: company.id,
    contacts: contact.id,
    deals: deal.id,
    activities: activity.id,
    products: product.json().id,
  });
});
afterAll(() => t.close());

const lists = [
  { list: "contacts", fields: ["firstName", "email", "companyId", "abilities"] },
  { list: "companies", fields: ["name", "billingAddress", "tags"] },
  { list: "deals", fields: ["title", "amount", "stageId", "contacts"] },
  { list: "activities", fields: ["type", "subject", "dealId", "participants"] },
  { list: "products", fields: ["name", "netPrice", "active"] },
] as const;
const only = (list: string, id: string) => (list === "products" ? "q=Feldtest" : `ids=${id}`);

describe.each(lists)("GET /api/v1/$list?fields=", ({ list, fields }) => {
  it("answers just those fields and id and version, each as the record's own page has it", async () => {
    const id = ids[list] ?? "";
    const res = await admin.get(`/api/v1/${list}?${only(list, id)}&fields=${fields.join(",")}`);
    expect(res.statusCode).toBe(200);
    const [item] = res.json().data;
    const wanted = ["id", "version", ...fields];
    expect(Object.keys(item).sort()).toEqual([...wanted].sort());
    const whole = (await admin.get(`/api/v1/${list}/${id}`)).json();
    expect(item).toEqual(Object.fromEntries(wanted.map((key) => [key, whole[key]])));
    // Without `fields`, every field, as before (a list row may carry list-only figures besides, such
    // as a company's contact count).
    const all = (await admin.get(`/api/v1/${list}?${only(list, id)}`)).json().data[0];
    expect(Object.keys(all)).toEqual(expect.arrayContaining(Object.keys(whole)));
  });

  it("refuses a field the record does not have with 400 naming `fields`", async () => {
    const res = await admin.get(`/api/v1/${list}?fields=${fields[0]},shoeSize`);
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(["fields.1"]);
  });

  it("is documented in the OpenAPI document with the field names it takes", async () => {
    const doc = (await admin.get("/api/openapi.json")).json();
    const parameter = doc.paths[`/api/v1/${list}`].get.parameters.find(
      (p: { name: string }) => p.name === "fields",
    );
    expect(parameter).toMatchObject({ in: "query", style: "form", explode: false });
    expect(parameter.schema.items.enum).toEqual(expect.arrayContaining(["id", ...fields]));
  });
});
