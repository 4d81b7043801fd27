import { auditLog, leads, recordChanges } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { leadBody } from "@test/conversion-helpers";
import { teamWithSales } from "@test/lead-helpers";
import { and, eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

type Result = { index: number; status: string; id?: string; errors?: { path: string; code?: string }[] };

describe("POST /api/v1/leads/batch (set-based)", () => {
  it("writes many new and changed leads as POST and PATCH would, refusing records one by one", async () => {
    const { client } = await teamWithSales(t);
    const other = await teamWithSales(t);
    const single = (await client.post("/api/v1/leads", leadBody({ externalId: "lb-old" }))).json();
    const foreign = (await other.client.post("/api/v1/leads", leadBody())).json();
    const created = Array.from({ length: 120 }, (_, i) =>
      leadBody({ externalId: `lb-${i}`, email: `lb.${i}@example.de`, phone: undefined, mobile: undefined }),
    );
    const res = await client.post("/api/v1/leads/batch", {
      records: [
        ...created,
        { externalId: "lb-old", city: "Kassel", version: single.version },
        leadBody({ externalId: "lb-refused-owner", ownerId: other.user.id }),
        leadBody({ externalId: "lb-refused-link", contactId: "7b0a1d9e-1111-4222-8333-944455556666" }),
        { id: foreign.id, city: "Fremd" },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results as Result[];
    expect(results.slice(0, 120).every((r) => r.status === "created")).toBe(true);
    expect(results[120]).toEqual({ index: 120, status: "updated", id: single.id });
    expect(results[121]?.errors).toEqual([expect.objectContaining({ path: "ownerId" })]);
    expect(results[122]?.errors).toEqual([expect.objectContaining({ path: "contactId" })]);
    expect(results[123]?.errors).toEqual([expect.objectContaining({ code: "lead_not_found" })]);

    // The same row as a POST makes: owner, status, stage and score.
    const ids = results.slice(0, 120).map((r) => r.id ?? "");
    const first = (await client.get(`/api/v1/leads/${ids[0]}`)).json();
    const alone = (
      await client.post("/api/v1/leads", created[0] && { ...created[0], externalId: "lb-a" })
    ).json();
    for (const key of ["status", "lifecycleStage", "ownerId", "teamId", "score", "email"] as const)
      expect(first[key], key).toEqual(key === "email" ? "lb.0@example.de" : alone[key]);

    const changed = (await client.get(`/api/v1/leads/${single.id}`)).json();
    expect(changed).toMatchObject({ city: "Kassel", version: single.version + 1, lastName: single.lastName });

    // Every record has its audit entry and its feed change; the refused ones left nothing.
    const entries = await t.database.db
      .select({ action: auditLog.action, entityId: auditLog.entityId, changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "lead"), inArray(auditLog.entityId, [...ids, single.id])));
    expect(entries.filter((e) => e.action === "lead.created")).toHaveLength(121);
    expect(entries.filter((e) => e.action === "lead.updated")).toEqual([
      { action: "lead.updated", entityId: single.id, changes: { city: { from: single.city, to: "Kassel" } } },
    ]);
    const changes = await t.database.db
      .select({ recordId: recordChanges.recordId })
      .from(recordChanges)
      .where(and(eq(recordChanges.entity, "lead"), inArray(recordChanges.recordId, ids)));
    expect(new Set(changes.map((c) => c.recordId)).size).toBe(120);
    const refused = await t.database.db
      .select({ id: leads.id })
      .from(leads)
      .where(like(leads.externalId, "lb-refused-%"));
    expect(refused).toEqual([]);
    const [kept] = await t.database.db
      .select({ city: leads.city })
      .from(leads)
      .where(eq(leads.id, foreign.id));
    expect(kept?.city).toBe(foreign.city);
  });

  it("writes nothing of an atomic batch whose second lead is refused (422 under records.1)", async () => {
    const { client } = await teamWithSales(t);
    const other = await teamWithSales(t);
    const res = await client.post("/api/v1/leads/batch", {
      atomic: true,
      records: [
        leadBody({ externalId: "lb-atom-1" }),
        leadBody({ externalId: "lb-atom-2", ownerId: other.user.id }),
        leadBody({ externalId: "lb-atom-3" }),
      ],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: "records.1.ownerId" })]);
    const rows = await t.database.db
      .select({ id: leads.id })
      .from(leads)
      .where(like(leads.externalId, "lb-atom-%"));
    expect(rows).toEqual([]);
  });
});
