import { type GateShape, visibleShape } from "@server/access/permission-gate";
import { leads } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildTeam, buildUser } from "@test/factories";
import { buildLead } from "@test/factories-crm";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepared } from "./prepared";

// Issue #21 point 1: statements built once. On PGlite and PostgreSQL alike (both API projects run it).
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const leadById = (db: Parameters<typeof prepared>[0]) =>
  prepared(db, "test_lead_last_name", (d, name) =>
    d
      .select({ lastName: leads.lastName })
      .from(leads)
      .where(eq(leads.id, sql.placeholder("id")))
      .prepare(name),
  );

/** As findVisibleLead (lead.repository.ts) writes it: one statement per gate shape. */
const visibleLead = (db: Parameters<typeof prepared>[0], id: string, gate: GateShape) =>
  prepared(db, `test_lead_gate_${gate.key}`, (d, name) =>
    d
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.id, sql.placeholder("id")), gate.where()))
      .prepare(name),
  ).execute({ ...gate.values, id });

describe("prepared", () => {
  it("builds a shape once per database and fills in new values each time", async () => {
    const { db } = t.database;
    const [a, b] = [await buildLead(db, { lastName: "Anders" }), await buildLead(db, { lastName: "Bauer" })];
    expect(leadById(db)).toBe(leadById(db));
    expect(await leadById(db).execute({ id: a.id })).toEqual([{ lastName: "Anders" }]);
    expect(await leadById(db).execute({ id: b.id })).toEqual([{ lastName: "Bauer" }]);
  });

  it("runs on the transaction's connection: it sees the transaction's own rows, and a rollback undoes them", async () => {
    const { db } = t.database;
    const lead = await buildLead(db, { lastName: "Vorher" });
    await leadById(db).execute({ id: lead.id });
    const rollback = new Error("rollback");
    await expect(
      db.transaction(async (tx) => {
        await tx.update(leads).set({ lastName: "Nachher" }).where(eq(leads.id, lead.id));
        // Only on the transaction's connection is the uncommitted name visible.
        expect(await leadById(tx).execute({ id: lead.id })).toEqual([{ lastName: "Nachher" }]);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await leadById(db).execute({ id: lead.id })).toEqual([{ lastName: "Vorher" }]);
  });

  it("finds a lead through the gate's shape exactly where the gate lets the actor see it", async () => {
    const { db } = t.database;
    const team = await buildTeam(db);
    const seller = await buildUser(db, { role: "sales", team });
    const other = await buildUser(db, { role: "sales", team: await buildTeam(db) });
    const manager = await buildUser(db, { role: "manager", team: null });
    const teams = await buildLead(db, { team, owner: other });
    const hidden = await buildLead(db, { team: null, owner: other });
    const gone = await buildLead(db, { team, owner: seller, deletedAt: new Date() });
    const actorOf = (u: typeof seller) => ({
      ...u,
      role: u.role as "sales",
      sessionId: null,
      tokenId: null,
      locale: "de" as const,
    });
    const sees = async (u: typeof seller, id: string) =>
      (await visibleLead(db, id, visibleShape(t.app.permissions.withRights(actorOf(u)), "lead", leads)))[0]
        ?.id ?? null;
    expect(await sees(seller, teams.id)).toBe(teams.id);
    expect(await sees(seller, hidden.id)).toBeNull();
    expect(await sees(seller, gone.id)).toBeNull();
    expect(await sees(manager, hidden.id)).toBe(hidden.id);
    expect(await sees(manager, gone.id)).toBeNull();
  });
});
