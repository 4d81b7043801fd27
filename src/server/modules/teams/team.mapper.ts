import type { Team } from "@shared/schemas/account";
import type { TeamRow } from "./team.repository";

export function toTeam(row: TeamRow, memberCount: number): Team {
  return {
    id: row.id,
    name: row.name,
    memberCount,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
