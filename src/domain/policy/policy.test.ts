import { canSee, type Principal } from "@domain/access-policy";
import { ROLES, type Role } from "@shared/schemas/common";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { takesAwayAnAdmin } from "./accounts";
import { abilitiesOf, accountAbilitiesOf, can, refusalOf } from "./policy";

const as = (role: Role, teamId: string | null = "t1"): Principal => ({ id: `${role}-1`, role, teamId });
const lead = (status: string) => ({ status, teamId: "t1", ownerId: null });
const deal = (status: string) => ({ status, teamId: "t1", ownerId: null });
const rolesWhere = (allowed: (role: Role) => boolean) => ROLES.filter(allowed);

describe("can: lead.read", () => {
  it("agrees with canSee for every actor and record", () => {
    const ids = fc.constantFrom("u1", "u2", null);
    const teams = fc.constantFrom("t1", "t2", null);
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.constantFrom("u1", "u2"),
        teams,
        teams,
        ids,
        (role, id, myTeam, teamId, ownerId) => {
          const actor = { id, role, teamId: myTeam };
          expect(can(actor, "lead.read", { teamId, ownerId })).toBe(
            canSee(actor, "lead", { teamId, ownerId }),
          );
        },
      ),
    );
  });
});

describe("can: leads", () => {
  it("keeps a converted lead read-only for everyone, admins included", () => {
    for (const role of ROLES) {
      expect(refusalOf(as(role), "lead.update", lead("converted"))).toEqual({ code: "lead_converted_edit" });
      expect(can(as(role), "lead.update", lead("in_process"))).toBe(true);
    }
  });

  it("lets only an admin delete a converted lead", () => {
    expect(can(as("admin"), "lead.delete", lead("converted"))).toBe(true);
    for (const role of ["manager", "sales"] as const)
      expect(refusalOf(as(role), "lead.delete", lead("converted"))).toEqual({
        code: "lead_converted_delete",
      });
  });

  it("leaves deleting leads, alone or in bulk, to sales, managers and admins", () => {
    const deleters = rolesWhere((role) => can(as(role), "lead.delete", lead("new")));
    expect(deleters).toEqual(["admin", "manager", "sales"]);
    expect(rolesWhere((role) => can(as(role), "lead.bulk_delete"))).toEqual(deleters);
    expect(refusalOf(as("marketing"), "lead.bulk_delete")).toEqual({ code: "bulk_delete_forbidden" });
  });

  it("shows and restores deleted leads to admins only", () => {
    expect(rolesWhere((role) => can(as(role), "lead.restore"))).toEqual(["admin"]);
  });

  it("leaves converting to sales, managers and admins, and never twice or from closed", () => {
    expect(rolesWhere((role) => can(as(role), "lead.convert", lead("qualified")))).toEqual([
      "admin",
      "manager",
      "sales",
    ]);
    expect(refusalOf(as("sales"), "lead.convert", lead("converted"))).toEqual({
      code: "lead_already_converted",
    });
    expect(refusalOf(as("admin"), "lead.convert", lead("dead"))).toEqual({ code: "lead_closed_convert" });
    expect(refusalOf(as("marketing"), "lead.convert", lead("new"))).toEqual({ code: "role_forbidden" });
  });
});

describe("can: deals", () => {
  it("moves and closes open deals only, naming the status of a closed one", () => {
    expect(can(as("sales"), "deal.move", deal("open"))).toBe(true);
    expect(refusalOf(as("admin"), "deal.move", deal("won"))).toEqual({
      code: "deal_closed_move",
      params: { status: "won" },
    });
    expect(can(as("sales"), "deal.close", deal("open"))).toBe(true);
    expect(refusalOf(as("sales"), "deal.close", deal("lost"))).toEqual({
      code: "deal_closed_already",
      params: { status: "lost" },
    });
  });

  it("lets managers and admins reopen a closed deal, and nobody an open one", () => {
    expect(rolesWhere((role) => can(as(role), "deal.reopen", deal("won")))).toEqual(["admin", "manager"]);
    expect(refusalOf(as("sales"), "deal.reopen", deal("won"))).toEqual({ code: "role_forbidden" });
    expect(refusalOf(as("admin"), "deal.reopen", deal("open"))).toEqual({ code: "deal_open_already" });
  });
});

describe("can: who holds a record", () => {
  it("lets admins and managers put records into any team, others only into their own", () => {
    for (const role of ["admin", "manager"] as const)
      expect(can(as(role), "record.set_team", { teamId: "t2" })).toBe(true);
    for (const role of ["sales", "marketing"] as const) {
      expect(can(as(role), "record.set_team", { teamId: "t1" })).toBe(true);
      expect(refusalOf(as(role), "record.set_team", { teamId: "t2" })).toEqual({ code: "team_not_allowed" });
      expect(can(as(role), "record.set_team", { teamId: null })).toBe(false);
    }
  });

  it("lets admins and managers give records to anyone, others to themselves and their team", () => {
    const stranger = { id: "u9", teamId: "t2" };
    for (const role of ["admin", "manager"] as const)
      expect(can(as(role), "record.set_owner", stranger)).toBe(true);
    for (const role of ["sales", "marketing"] as const) {
      expect(refusalOf(as(role), "record.set_owner", stranger)).toEqual({ code: "owner_not_in_team" });
      expect(can(as(role), "record.set_owner", { id: "u8", teamId: "t1" })).toBe(true);
      expect(can(as(role, null), "record.set_owner", { id: `${role}-1`, teamId: null })).toBe(true);
    }
    expect(rolesWhere((role) => can(as(role), "record.assign_anyone"))).toEqual(["admin", "manager"]);
  });
});

describe("can: activities", () => {
  it("offers everyone's activities to those whose scope is all", () => {
    expect(rolesWhere((role) => can(as(role), "activity.read_all"))).toEqual(["admin", "manager"]);
  });
});

describe("can: accounts and settings", () => {
  it("shows the user list to admins and managers, and one's own account to everyone", () => {
    expect(rolesWhere((role) => can(as(role), "user.list"))).toEqual(["admin", "manager"]);
    expect(refusalOf(as("sales"), "user.list")).toEqual({ code: "users_list_forbidden" });
    expect(can(as("sales"), "user.read", { id: "sales-1" })).toBe(true);
    expect(refusalOf(as("sales"), "user.read", { id: "u2" })).toEqual({ code: "user_not_found" });
    expect(can(as("manager"), "user.read", { id: "u2" })).toBe(true);
  });

  it("leaves creating and changing users to admins", () => {
    expect(rolesWhere((role) => can(as(role), "user.create"))).toEqual(["admin"]);
    expect(rolesWhere((role) => can(as(role), "user.update"))).toEqual(["admin"]);
    expect(refusalOf(as("manager"), "user.update")).toEqual({ code: "users_change_forbidden" });
    expect(refusalOf(as("manager"), "user.create")).toEqual({ code: "role_forbidden" });
  });

  it("leaves teams, pipelines, settings and lost reasons to admins; managers read the settings", () => {
    for (const action of [
      "team.manage",
      "pipeline.manage",
      "settings.manage",
      "lost_reason.manage",
      "custom_field.manage",
    ] as const)
      expect(rolesWhere((role) => can(as(role), action))).toEqual(["admin"]);
    expect(rolesWhere((role) => can(as(role), "settings.read"))).toEqual(["admin", "manager"]);
  });

  it("leaves webhooks to admins: they send records out of the CRM", () => {
    expect(rolesWhere((role) => can(as(role), "webhook.manage"))).toEqual(["admin"]);
  });

  it("lets everyone read reports and gives the team dashboard to admins and managers (#18)", () => {
    expect(rolesWhere((role) => can(as(role), "report.read"))).toEqual([
      "admin",
      "manager",
      "sales",
      "marketing",
    ]);
    expect(rolesWhere((role) => can(as(role), "report.team"))).toEqual(["admin", "manager"]);
  });

  it("keeps the last active admin: a change that demotes or deactivates an active admin takes one away", () => {
    const admin = { role: "admin", active: true };
    expect(takesAwayAnAdmin(admin, { role: "manager" })).toBe(true);
    expect(takesAwayAnAdmin(admin, { active: false })).toBe(true);
    expect(takesAwayAnAdmin(admin, { role: "admin", active: true })).toBe(false);
    expect(takesAwayAnAdmin({ role: "admin", active: false }, { role: "sales" })).toBe(false);
    expect(takesAwayAnAdmin({ role: "sales", active: true }, { active: false })).toBe(false);
  });
});

describe("abilitiesOf", () => {
  it("answers each record action by its API name", () => {
    expect(abilitiesOf(as("sales"), "lead", lead("converted"))).toEqual({
      update: false,
      delete: false,
      convert: false,
    });
    expect(abilitiesOf(as("manager"), "deal", deal("lost"))).toEqual({
      update: true,
      delete: true,
      move: false,
      close: false,
      reopen: true,
    });
    expect(abilitiesOf(as("marketing"), "contact", { teamId: "t1", ownerId: null })).toEqual({
      update: true,
      delete: true,
    });
  });

  it("answers the account's actions the same as can", () => {
    for (const role of ROLES) {
      const abilities = accountAbilitiesOf(as(role));
      for (const [action, allowed] of Object.entries(abilities))
        expect(allowed).toBe(can(as(role), action as keyof typeof abilities));
    }
  });
});
