import { buildTestApp, type TestApp } from "@test/app";
import { signedIn } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  // A fresh database has no pipeline yet; a deal goes into the default one.
  const { client } = await signedIn(t, "admin", null);
  const pipeline = await client.post("/api/v1/pipelines", {
    name: "Sales",
    stages: [{ name: "First contact", probability: 10 }],
  });
  expect(pipeline.statusCode).toBe(201);
});
afterAll(() => t.close());

// Issue #14: a record its creator cannot open after a 201 has vanished for them. Leads have their
// own test (leads/lead-creator.test.ts); the other records follow the same rule.
describe("a salesperson without a team who leaves a new record unowned", () => {
  it.each([
    ["contacts", { lastName: "Unowned contact" }],
    ["companies", { name: "Unowned company GmbH" }],
    ["deals", { title: "Unowned deal" }],
  ] as const)("owns the new %s and can open it", async (path, body) => {
    const { user, client } = await signedIn(t, "sales", null);
    const created = await client.post(`/api/v1/${path}`, { ...body, ownerId: null });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ownerId: user.id });
    expect((await client.get(`/api/v1/${path}/${created.json().id}`)).statusCode).toBe(200);
  });

  it("still leaves an admin's new contact unowned when asked", async () => {
    const { client } = await signedIn(t, "admin", null);
    const created = await client.post("/api/v1/contacts", { lastName: "Admin's pool", ownerId: null });
    expect(created.json()).toMatchObject({ ownerId: null });
  });
});
