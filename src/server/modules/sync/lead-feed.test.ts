import { buildTestApp, type TestApp } from "@test/app";
import { leadBody } from "@test/conversion-helpers";
import { ALL_MET, signedIn, teamWithSales } from "@test/lead-helpers";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

type Item = { id: string; deleted?: true };

describe("GET /api/v1/leads?updatedSince= (items written by PostgreSQL)", () => {
  it("writes each lead exactly as the list does, abilities of the reader included", async () => {
    const since = (await t.database.db.execute(sql`select now() as at`)) as unknown as {
      rows: { at: Date | string }[];
    };
    const at = new Date(since.rows[0]?.at ?? 0).toISOString();
    const { client, user } = await teamWithSales(t);
    const { client: admin } = await signedIn(t, "admin");
    const made = [
      (await client.post("/api/v1/leads", leadBody())).json(),
      (
        await client.post(
          "/api/v1/leads",
          leadBody({
            estimatedValue: { amount: "12500.50", currency: "EUR" },
            tags: ["messe", "ä-ö"],
            bant: ALL_MET,
            lifecycleStage: "sql",
            ownerId: user.id,
            externalId: "feed-1",
            interest: 'Zitat "mit" Anführung\nund Zeile',
          }),
        )
      ).json(),
      (await client.post("/api/v1/leads", { lastName: "Knapp" })).json(),
    ];
    const deleted = (await client.post("/api/v1/leads", { lastName: "Weg" })).json();
    await admin.delete(`/api/v1/leads/${deleted.id}`);

    for (const reader of [client, admin]) {
      const page = await reader.get(`/api/v1/leads?updatedSince=${encodeURIComponent(at)}&limit=1000`);
      expect(page.statusCode, page.body).toBe(200);
      const items = (page.json().data as Item[]).filter((i) => made.some((m) => m.id === i.id));
      const listed = await reader.get(`/api/v1/leads?ids=${made.map((m) => m.id).join(",")}&limit=200`);
      const byId = new Map((listed.json().data as Item[]).map((i) => [i.id, i]));
      expect(items).toHaveLength(3);
      for (const item of items) expect(item).toEqual(byId.get(item.id));
      expect(page.json().data).toContainEqual({ id: deleted.id, deleted: true });
    }
  });
});
