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
    // The seller's team sorts between the other two, so their own leads lie on both sides of it
    // (visibleParts reads "outside the team" as the ranges below and above its id, and no team).
    const [south, north, east] = [await buildTeam(db), await buildTeam(db), await buildTeam(db)].sort(
      (a, b) => (a.id < b.id ? -1 : 1),
    );
    if (!south || !north || !east) throw new Error("three teams");
    const seller = await buildUser(db, { role: "sales", team: north });
    const colleague = await buildUser(db, { role: "sales", team: north });
    const stranger = await buildUser(db, { role: "sales", team: south });
    const rows = await db
      .insert(leads)
      .values([
        { lastName: "team pool", teamId: north.id, ownerId: null },
        { lastName: "colleague's", teamId: north.id, ownerId: colleague.id },
        { lastName: "mine in other team", teamId: south.id, ownerId: seller.id },
        { lastName: "mine in third team", teamId: east.id, ownerId: seller.id },
        { lastName: "mine without team", teamId: null, ownerId: seller.id },
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
      "mine in third team",
      "mine without team",
      "team pool",
    ]);
    expect(await visibleNames(actorOf(stranger, "marketing"))).toEqual(["mine in other team", "other team"]);
    for (const role of ["admin", "manager"] as const) {
      expect(await visibleNames(actorOf(seller, role))).toEqual([
        "colleague's",
        "mine in other team",
        "mine in third team",
        "mine without team",
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
      // Its parts (visibleParts) together cover exactly the same rows, each row in one part only.
      const inParts: string[] = [];
      for (const part of visibleParts(actor, "lead", leads)) {
        for (const r of await db.select({ id: leads.id }).from(leads).where(part.where)) inParts.push(r.id);
      }
      const ours = (list: Iterable<string>) => [...list].filter((id) => ids.includes(id)).sort();
      expect(ours(inParts)).toEqual(ours(inSql));
      expect(new Set(inParts).size).toBe(inParts.length);
    }
    await db.delete(leads).where(inArray(leads.id, ids));
  });
});
