import type { Role } from "@web/api/types";

export const ROLES = ["admin", "manager", "sales", "marketing"] as const satisfies readonly Role[];

export function isRole(value: unknown): value is Role {
  return ROLES.some((role) => role === value);
}
