/**
 * The per-role permission matrix (issue #14 point 1): one row per changed role and entity; a cell
 * without a row has its default (domain/permissions/permission-matrix.ts). The admin role is never
 * stored: its row is fixed to everything. The whole table is small (at most 3 roles × 6 entities)
 * and read whole into each process's cache (server/access/permission-store.ts), never per request.
 */
import { boolean, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../schema";

export const rolePermissions = pgTable(
  "role_permissions",
  {
    role: text("role", { enum: ["manager", "sales", "marketing"] }).notNull(),
    entity: text("entity", { enum: ["lead", "contact", "company", "deal", "activity", "quote"] }).notNull(),
    canCreate: boolean("can_create").notNull(),
    readScope: text("read_scope", { enum: ["all", "team", "own", "none"] }).notNull(),
    editScope: text("edit_scope", { enum: ["all", "team", "own", "none"] }).notNull(),
    deleteScope: text("delete_scope", { enum: ["all", "team", "own", "none"] }).notNull(),
    canExport: boolean("can_export").notNull(),
    canChangeOwner: boolean("can_change_owner").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.role, t.entity] })],
);
