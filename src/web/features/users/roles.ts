import { ROLES, type Role } from "@shared/schemas/common";

export function isRole(value: unknown): value is Role {
  return ROLES.some((role) => role === value);
}
