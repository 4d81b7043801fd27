import { activities, auditLog, contacts } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { leadBody } from "@test/conversion-helpers";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe("POST /api/v1/<things>/batch with externalId", () => {
  it("upserts leads by externalId, a result per record, refused ones alone", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/leads/batch", {
      records: [
        leadBody({ externalId: "erp-1", lastName: "Erster" }),
        leadBody({ externalId: "erp-2", lastName: "Zweiter" }),
        { externalId: "erp-1", city: "Köln" },
        { id: "7b0a1d9e-1111-4222-8333-944455556666", city: "Bonn" },
        leadBody({ email: "keine-adresse" }),
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const { results } = res.json();
    expect(results.map((r: { status: string }) => r.status)).toEqual([
      "created",
      "created",
      "updated",
      "error",
      "error",
    ]);
    expect(results[2].id).toBe(results[0].id);
    expect(results[3].errors).toEqual([expect.objectContaining({ code: "lead_not_found" })]);
    expect(results[4].errors).toEqual([expect.objectContaining({ path: "email" })]);

    const again = await client.post("/api/v1/leads/batch", {
      records: [{ externalId: "erp-2", city: "Ulm" }],
    });
    expect(again.json().results).toEqual([{ index: 0, status: "updated", id: results[1].id }]);
    const listed = await client.get("/api/v1/leads?externalId=erp-2");
    expect(listed.json().data).toEqual([
      expect.objectContaining({ id: results[1].id, externalId: "erp-2", city: "Ulm" }),
    ]);
    const first = await client.get(`/api/v1/leads/${results[0].id}`);
    expect(first.json()).toMatchObject({ externalId: "erp-1", city: "Köln", lastName: "Erster" });
    // externalId is unique per entity: a second lead with it is a conflict on that field, not a 500.
    const taken = await client.post("/api/v1/leads", leadBody({ externalId: "erp-1" }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors).toEqual([
      expect.objectContaining({ path: "externalId", code: "external_id_taken" }),
    ]);
  });

  it("writes nothing of an atomic batch with one malformed record (400 under records.<index>)", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/contacts/batch", {
      atomic: true,
      records: [
        { externalId: "c-1", lastName: "Atom" },
        { externalId: "c-2", lastName: "Atom", unknownField: 1 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: "records.1.unknownField" })]);
    const rows = await t.database.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(inArray(contacts.externalId, ["c-1", "c-2"]));
    expect(rows).toEqual([]);
    const companies = await client.post("/api/v1/companies/batch", {
      records: [
        { externalId: "f-1", name: "Firma Eins" },
        { externalId: "f-1", name: "Firma Eins GmbH" },
      ],
    });
    expect(companies.json().results.map((r: { status: string }) => r.status)).toEqual(["created", "updated"]);
  });

  it("gives activities an externalId and upserts them by it, gated and audited per record", async () => {
    const { client } = await teamWithSales(t);
    const lead = (await client.post("/api/v1/leads", leadBody())).json();
    const created = await client.post("/api/v1/activities", {
      type: "call",
      subject: "Erstgespräch",
      leadId: lead.id,
      externalId: "tel-1",
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().externalId).toBe("tel-1");
    const res = await client.post("/api/v1/activities/batch", {
      records: [
        { externalId: "tel-1", subject: "Erstgespräch (verschoben)" },
        { externalId: "note-1", type: "note", subject: "Notiz", leadId: lead.id },
        { externalId: "note-2", type: "note", subject: "Ohne Bezug" },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const { results } = res.json();
    expect(results.map((r: { status: string }) => r.status)).toEqual(["updated", "created", "error"]);
    expect(results[0].id).toBe(created.json().id);
    expect(results[2].errors).toEqual([expect.objectContaining({ path: "leadId" })]);
    const listed = await client.get("/api/v1/activities?externalId=note-1");
    expect(listed.json().data).toEqual([
      expect.objectContaining({ id: results[1].id, externalId: "note-1", subject: "Notiz" }),
    ]);
    const changed = await client.get(`/api/v1/activities/${results[0].id}`);
    expect(changed.json()).toMatchObject({ externalId: "tel-1", subject: "Erstgespräch (verschoben)" });
    const cleared = await client.patch(`/api/v1/activities/${results[0].id}`, { externalId: null });
    expect(cleared.json().externalId).toBeNull();
    const audited = await t.database.db
      .select({ action: auditLog.action, entityId: auditLog.entityId })
      .from(auditLog)
      .where(
        and(eq(auditLog.entityType, "activity"), inArray(auditLog.entityId, [results[0].id, results[1].id])),
      );
    expect(audited).toEqual(
      expect.arrayContaining([
        { action: "activity.updated", entityId: results[0].id },
        { action: "activity.created", entityId: results[1].id },
      ]),
    );

    // Another team's salesperson changes it neither by id nor by its externalId.
    const other = await teamWithSales(t);
    const foreign = await other.client.post("/api/v1/activities/batch", {
      records: [
        { id: results[1].id, subject: "Übernommen" },
        { externalId: "note-1", subject: "Übernommen" },
      ],
    });
    const refused = expect.objectContaining({
      status: "error",
      errors: [expect.objectContaining({ code: "activity_not_found" })],
    });
    expect(foreign.json().results).toEqual([refused, refused]);
    const [row] = await t.database.db
      .select({ subject: activities.subject })
      .from(activities)
      .where(eq(activities.id, results[1].id));
    expect(row?.subject).toBe("Notiz");
  });
});
