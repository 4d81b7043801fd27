import { msg } from "@shared/message-codes";
import { z } from "zod";
import { ROLES } from "./common";

/**
 * The per-role permission matrix (issue #14 point 1, API.md `GET /api/v1/permissions`): for each role
 * and entity, Create yes/no, Read, Edit and Delete as all / team / own / none, Export and Change owner
 * yes/no. `team` means "my team's or owned by me", `own` "owned by me" (domain/access-policy.ts).
 */
export const PERMISSION_ENTITIES = ["lead", "contact", "company", "deal", "activity", "quote"] as const;
export type PermissionEntity = (typeof PERMISSION_ENTITIES)[number];
/** Entities with an owner and a team, for which every scope and Export/Change owner make sense. */
export const OWNED_ENTITIES = ["lead", "contact", "company", "deal", "activity"] as const;
export type OwnedEntity = (typeof OWNED_ENTITIES)[number];

export const SCOPES = ["all", "team", "own", "none"] as const;
export const scopeSchema = z.enum(SCOPES).describe("all, team (my team's or mine), own (mine) or none");
export type Scope = z.infer<typeof scopeSchema>;
/** How far a scope reaches: a wider one includes every record of a narrower one. */
export const SCOPE_REACH: Record<Scope, number> = { none: 0, own: 1, team: 2, all: 3 };

export const entityRightsSchema = z.strictObject({
  create: z.boolean(),
  read: scopeSchema,
  edit: scopeSchema,
  delete: scopeSchema,
  export: z.boolean(),
  changeOwner: z.boolean(),
});
export type EntityRights = z.infer<typeof entityRightsSchema>;

const entitiesShape = Object.fromEntries(PERMISSION_ENTITIES.map((e) => [e, entityRightsSchema])) as {
  [E in PermissionEntity]: typeof entityRightsSchema;
};

type PermissionMessage =
  | "permission_quote_read"
  | "permission_all_or_none"
  | "permission_not_applicable"
  | "permission_beyond_read"
  | "permission_create_unreadable";

/**
 * The cells a role's row may hold: nothing reaches further than Read (a record one cannot find cannot
 * be edited, and a creator must see what they create, issue #14); a quote is seen with its deal, so
 * its Read stays `all` and Edit/Delete are all or none, without Export or Change owner.
 */
function checkRow(row: Record<PermissionEntity, EntityRights>, ctx: z.RefinementCtx): void {
  for (const entity of PERMISSION_ENTITIES) {
    const rights = row[entity];
    const bad = (cell: keyof EntityRights, code: PermissionMessage) =>
      ctx.addIssue({ code: "custom", path: [entity, cell], message: msg(code) });
    if (entity === "quote") {
      if (rights.read !== "all") bad("read", "permission_quote_read");
      for (const cell of ["edit", "delete"] as const)
        if (rights[cell] !== "all" && rights[cell] !== "none") bad(cell, "permission_all_or_none");
      if (rights.export) bad("export", "permission_not_applicable");
      if (rights.changeOwner) bad("changeOwner", "permission_not_applicable");
      continue;
    }
    for (const cell of ["edit", "delete"] as const)
      if (SCOPE_REACH[rights[cell]] > SCOPE_REACH[rights.read]) bad(cell, "permission_beyond_read");
    if (rights.create && rights.read === "none") bad("create", "permission_create_unreadable");
    if (rights.export && rights.read === "none") bad("export", "permission_beyond_read");
  }
}

export const rolePermissionsSchema = z
  .strictObject(entitiesShape)
  .superRefine(checkRow)
  .describe("One role's rights per entity");
export type RolePermissions = z.infer<typeof rolePermissionsSchema>;

export const EDITABLE_ROLES = ROLES.filter((role) => role !== "admin");
export const editableRoleSchema = z
  .enum(EDITABLE_ROLES as ["manager", "sales", "marketing"])
  .describe("The admin row is fixed to everything, so no admin can lock themselves out");
export const permissionRoleParams = z.strictObject({ role: z.enum(ROLES) });

export const permissionMatrixSchema = z.object({
  roles: z.object({
    admin: rolePermissionsSchema,
    manager: rolePermissionsSchema,
    sales: rolePermissionsSchema,
    marketing: rolePermissionsSchema,
  }),
  defaults: z
    .object({
      admin: rolePermissionsSchema,
      manager: rolePermissionsSchema,
      sales: rolePermissionsSchema,
      marketing: rolePermissionsSchema,
    })
    .describe("What each role may do out of the box (the product's behaviour before any change)"),
  fixedRoles: z.array(z.enum(ROLES)).describe("Roles whose row cannot be changed (admin)"),
});
export type PermissionMatrixResponse = z.infer<typeof permissionMatrixSchema>;
