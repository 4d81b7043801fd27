import type { User } from "@shared/schemas/account";
import type { Locale, Role } from "@shared/schemas/common";
import type { UserRow } from "./user.repository";

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    teamId: row.teamId,
    locale: row.locale as Locale,
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}
