import { canSee, type Principal, scopeFor } from "@domain/access-policy";
import { abilitiesOf, can } from "@domain/policy/policy";
import { ROLES } from "@shared/schemas/common";
import { OWNED_ENTITIES, rolePermissionsSchema } from "@shared/schemas/permissions";
import { describe, expect, it } from "vitest";
import { DEFAULT_MATRIX, effectiveMatrix } from "./permission-matrix";

const seller: Principal = { id: "me", role: "sales", teamId: "t1" };
const mine = { ownerId: "me", teamId: "t2" };
const teams = { ownerId: "colleague", teamId: "t1" };
const others = { ownerId: "stranger", teamId: "t2" };

describe("the default matrix", () => {
  it("is what the product allowed before the matrix: admins and managers all, sales and marketing team", () => {
    for (const entity of OWNED_ENTITIES) {
      expect(ROLES.map((role) => scopeFor(role, entity))).toEqual(["all", "all", "team", "team"]);
    }
    const marketer: Principal = { id: "m", role: "marketing", teamId: "t1" };
    expect(can(marketer, "lead.bulk_delete")).toBe(false);
    expect(can(marketer, "quote.create")).toBe(false);
    expect(can(seller, "quote.create")).toBe(true);
    expect(can(seller, "lead.export")).toBe(true);
    expect(can(seller, "activity.read_all")).toBe(false);
    for (const role of ROLES)
      expect(rolePermissionsSchema.safeParse(DEFAULT_MATRIX[role]).success).toBe(true);
  });

  it("keeps the admin's row whatever is stored for it", () => {
    const matrix = effectiveMatrix([
      { role: "admin" as never, entity: "lead", rights: { ...DEFAULT_MATRIX.sales.lead, read: "none" } },
    ]);
    expect(matrix.admin).toEqual(DEFAULT_MATRIX.admin);
  });
});

describe("a changed row", () => {
  const narrowed: Principal = {
    ...seller,
    permissions: {
      ...DEFAULT_MATRIX.sales,
      lead: { ...DEFAULT_MATRIX.sales.lead, read: "own", edit: "own", delete: "none", export: false },
      deal: { ...DEFAULT_MATRIX.sales.deal, edit: "own", delete: "own" },
    },
  };

  it("narrows what the gate shows, entity by entity", () => {
    expect([mine, teams, others].map((r) => canSee(narrowed, "lead", r))).toEqual([true, false, false]);
    expect([mine, teams, others].map((r) => canSee(narrowed, "contact", r))).toEqual([true, true, false]);
  });

  it("gives Edit and Delete their own scope, and the yes/no rights their answer", () => {
    const open = { status: "open" };
    expect(abilitiesOf(narrowed, "deal", { ...teams, ...open })).toMatchObject({
      update: false,
      delete: false,
      move: false,
    });
    expect(abilitiesOf(narrowed, "deal", { ...mine, ...open })).toMatchObject({
      update: true,
      delete: true,
      move: true,
    });
    expect(abilitiesOf(narrowed, "lead", { ...mine, status: "new" })).toMatchObject({
      update: true,
      delete: false,
    });
    expect(can(narrowed, "lead.bulk_delete")).toBe(false);
    expect(can(narrowed, "lead.export")).toBe(false);
    expect(can(narrowed, "contact.export")).toBe(true);
  });
});

describe("rolePermissionsSchema", () => {
  const row = DEFAULT_MATRIX.sales;
  const paths = (value: unknown) => {
    const result = rolePermissionsSchema.safeParse(value);
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
  };

  it("names each cell that reaches further than Read, or creates what cannot be read", () => {
    expect(paths({ ...row, lead: { ...row.lead, read: "own", edit: "team", delete: "all" } })).toEqual([
      "lead.edit",
      "lead.delete",
    ]);
    expect(paths({ ...row, deal: { ...row.deal, read: "none", edit: "none", delete: "none" } })).toEqual([
      "deal.create",
      "deal.export",
    ]);
  });

  it("keeps a quote's Read at all, its Edit and Delete all or none, without Export or Change owner", () => {
    expect(paths({ ...row, quote: { ...row.quote, read: "team", edit: "own", export: true } })).toEqual([
      "quote.read",
      "quote.edit",
      "quote.export",
    ]);
  });

  it("refuses a row with an entity missing or a cell it does not know", () => {
    const { lead: _lead, ...withoutLeads } = row;
    expect(paths(withoutLeads)).toEqual(["lead"]);
    expect(paths({ ...row, lead: { ...row.lead, view: "all" } })).toEqual(["lead"]);
  });
});
