import { canSee } from "@domain/access-policy";
import { leads } from "@server/db/schema";
import type { Role } from "@shared/schemas/common";
import { buildTestApp, type TestApp } from "@test/app";
import { buildTeam, buildUser } from "@test/factories";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, visibleParts, visibleWhere } from "./permission-gate";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const actorOf = (
  user: { id: string; email: string; name: string; teamId: string | null },
  role: Role,
): Actor => ({
  ...user,
  role,
  locale: "en",
  sessionId: null,
  tokenId: null,
});

describe("visibleWhere (the permission gate in SQL)", () => {
  it("shows sales their team's and their own records, admins and managers everything, never deleted ones", async () => {
    const db = t.database.db;
    const north = await buildTeam(db);
    const south = await buildTeam(db);
    const seller = await buildUser(db, { role: "sales", team: north });
    const colleague = await buildUser(db, { role: "sales", team: north });
    const stranger = await buildUser(db, { role: "sales", team: south });
    const rows = await db
      .insert(leads)
      .values([
        { lastName: "team pool", teamId: north.id, ownerId: null },
        { lastName: "colleague's", teamId: north.id, ownerId: colleague.id },
        { lastName: "mine in other team", teamId: south.id, ownerId: seller.id },
        { lastName: "other team", teamId: south.id, ownerId: stranger.id },
        { lastName: "deleted", teamId: north.id, ownerId: seller.id, deletedAt: new Date() },
      ])
      .returning();
    const ids = rows.map((r) => r.id);
    const visibleNames = async (actor: Actor) =>
      (
        await db
          .select({ name: leads.lastName })
          .from(leads)
          .where(visibleWhere(actor, "lead", leads))
          .then((r) => r)
      )
        .filter((r) => r.name !== null)
        .map((r) => r.name)
        .filter((n) => rows.some((row) => row.lastName === n))
        .sort();

    expect(await visibleNames(actorOf(seller, "sales"))).toEqual([
      "colleague's",
      "mine in other team",
      "team pool",
    ]);
    expect(await visibleNames(actorOf(stranger, "marketing"))).toEqual(["mine in other team", "other team"]);
    for (const role of ["admin", "manager"] as const) {
      expect(await visibleNames(actorOf(seller, role))).toEqual([
        "colleague's",
        "mine in other team",
        "other team",
        "team pool",
      ]);
    }
    // The SQL filter and the in-memory rule agree on every record.
    for (const role of ["admin", "manager", "sales", "marketing"] as const) {
      const actor = actorOf(seller, role);
      const inSql = new Set(
        (
          await db
            .select({ id: leads.id })
            .from(leads)
            .where(visibleWhere(actor, "lead", leads))
        ).map((r) => r.id),
      );
      for (const row of rows.filter((r) => !r.deletedAt)) {
        expect(inSql.has(row.id)).toBe(canSee(actor, "lead", row));
      }
      // Its parts (visibleParts) together cover exactly the same rows.
      const inParts = new Set<string>();
      for (const part of visibleParts(actor, "lead", leads)) {
        for (const r of await db.select({ id: leads.id }).from(leads).where(part)) inParts.add(r.id);
      }
      expect([...inParts].filter((id) => ids.includes(id)).sort()).toEqual(
        [...inSql].filter((id) => ids.includes(id)).sort(),
      );
    }
    await db.delete(leads).where(inArray(leads.id, ids));
  });
});
