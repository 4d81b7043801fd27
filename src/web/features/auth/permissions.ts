import type { Role } from "@shared/schemas/common";

export const canSeeUsers = (role: Role) => role === "admin" || role === "manager";
export const canManageUsers = (role: Role) => role === "admin";
export const canSeeTeamSettings = (role: Role) => role === "admin" || role === "manager";
export const canManageTeams = (role: Role) => role === "admin";
export const canSeeLeadSettings = (role: Role) => role === "admin" || role === "manager";
export const canManageLeadSettings = (role: Role) => role === "admin";
export const canRestoreLeads = (role: Role) => role === "admin";
export const canManagePipelines = (role: Role) => role === "admin";
/** Reopening a won or lost deal. */
export const canReopenDeals = (role: Role) => role === "admin" || role === "manager";
