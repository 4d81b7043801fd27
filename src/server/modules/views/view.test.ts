import { buildTestApp, type TestApp } from "@test/app";
import { signedIn } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe("PATCH /api/v1/views/{id}", () => {
  it("renames a view and replaces its filters, only for its owner", async () => {
    const { client } = await signedIn(t, "sales");
    const other = await signedIn(t, "sales");
    const view = (
      await client.post("/api/v1/views", {
        entity: "contact",
        name: "Berlin",
        filters: { q: "berlin" },
        sort: "-createdAt",
      })
    ).json();

    const renamed = await client.patch(`/api/v1/views/${view.id}`, { name: "Berlin, newest" });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: "Berlin, newest",
      filters: { q: "berlin" },
      sort: "-createdAt",
    });

    const updated = await client.patch(`/api/v1/views/${view.id}`, {
      filters: { q: "hamburg", mine: true },
      sort: null,
    });
    expect(updated.json()).toMatchObject({
      name: "Berlin, newest",
      filters: { q: "hamburg", mine: true },
      sort: null,
    });

    expect((await other.client.patch(`/api/v1/views/${view.id}`, { name: "Mine now" })).statusCode).toBe(404);
    const bad = await client.patch(`/api/v1/views/${view.id}`, { name: " ", entity: "lead" });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["entity", "name"]);
    expect((await client.get("/api/v1/views?entity=contact")).json().data[0].name).toBe("Berlin, newest");
  });
});
