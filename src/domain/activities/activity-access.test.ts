import { canSee, type Principal } from "@domain/access-policy";
import type { Role } from "@shared/schemas/common";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canSeeActivity } from "./activity-access";

const TEAM_A = "team-a";
const TEAM_B = "team-b";
const who = (id: string, role: Role, teamId: string | null = TEAM_A): Principal => ({ id, role, teamId });

describe("canSeeActivity", () => {
  const meeting = { teamId: TEAM_A, ownerId: "owner", participantUserIds: ["guest"] };

  it("lets the owner's team, managers and the participants read it", () => {
    expect(canSeeActivity(who("mate", "sales"), meeting)).toBe(true);
    expect(canSeeActivity(who("boss", "manager", TEAM_B), meeting)).toBe(true);
    expect(canSeeActivity(who("guest", "sales", TEAM_B), meeting)).toBe(true);
    expect(canSeeActivity(who("guest", "marketing", null), meeting)).toBe(true);
  });

  it("keeps it from sales and marketing of other teams who do not take part", () => {
    expect(canSeeActivity(who("stranger", "sales", TEAM_B), meeting)).toBe(false);
    expect(canSeeActivity(who("stranger", "marketing", TEAM_B), meeting)).toBe(false);
  });

  it("without participants is exactly the permission gate; adding one lets in that user and nobody else", () => {
    const ids = fc.constantFrom("u1", "u2", "u3", "u4");
    const teams = fc.constantFrom(TEAM_A, TEAM_B, null);
    const roles = fc.constantFrom<Role>("admin", "manager", "sales", "marketing");
    fc.assert(
      fc.property(
        ids,
        roles,
        teams,
        teams,
        fc.option(ids, { nil: null }),
        fc.uniqueArray(ids),
        ids,
        (id, role, teamId, recordTeam, ownerId, participants, added) => {
          const principal = { id, role, teamId };
          const record = { teamId: recordTeam, ownerId };
          expect(canSeeActivity(principal, { ...record, participantUserIds: [] })).toBe(
            canSee(principal, "activity", record),
          );
          const before = canSeeActivity(principal, { ...record, participantUserIds: participants });
          const after = canSeeActivity(principal, {
            ...record,
            participantUserIds: [...participants, added],
          });
          expect(after).toBe(before || id === added);
        },
      ),
    );
  });
});
