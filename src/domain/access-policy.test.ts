import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canReadAccounts, canSee, type Principal, scopeFor } from "./access-policy";

const ids = ["u1", "u2", "u3"] as const;
const teams = ["t1", "t2", null] as const;

describe("canSee", () => {
  it("lets admins and managers see every record", () => {
    fc.assert(
      fc.property(fc.constantFrom(...teams), fc.constantFrom(...ids, null), (teamId, ownerId) => {
        for (const role of ["admin", "manager"] as const) {
          expect(canSee({ id: "u1", role, teamId: "t1" }, "lead", { teamId, ownerId })).toBe(true);
        }
      }),
    );
  });

  it("lets sales and marketing see exactly their team's records and the ones they own", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("sales", "marketing" as const),
        fc.constantFrom(...teams),
        fc.constantFrom(...teams),
        fc.constantFrom(...ids, null),
        (role, myTeam, recordTeam, ownerId) => {
          const me: Principal = { id: "u1", role, teamId: myTeam };
          const expected = ownerId === "u1" || (myTeam !== null && recordTeam === myTeam);
          expect(canSee(me, "deal", { teamId: recordTeam, ownerId })).toBe(expected);
        },
      ),
    );
  });

  it("never lets a user without a team see team-less records of others", () => {
    expect(canSee({ id: "u1", role: "sales", teamId: null }, "lead", { teamId: null, ownerId: "u2" })).toBe(
      false,
    );
  });
});

describe("account rights", () => {
  it("gives every role a scope and lets only admins and managers read the user list", () => {
    expect(scopeFor("sales", "lead")).toBe("team");
    expect(canReadAccounts({ id: "x", role: "manager", teamId: null })).toBe(true);
    expect(canReadAccounts({ id: "x", role: "marketing", teamId: null })).toBe(false);
  });
});
