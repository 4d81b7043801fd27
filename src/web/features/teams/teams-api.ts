import type { CreateTeamRequest, Team, UpdateTeamRequest } from "@shared/schemas/account";
import type { Page } from "@shared/schemas/common";
import { apiRequest } from "@web/api/api-client";

const MAX_PAGES = 50;

export const teamsApi = {
  /** All teams; a company has a handful, so pages are followed to the end (with a safety stop). */
  async listAll(signal?: AbortSignal): Promise<Team[]> {
    const teams: Team[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result: Page<Team> = await apiRequest<Page<Team>>("/teams", { query: { cursor }, signal });
      teams.push(...result.data);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return teams;
  },
  create: (body: CreateTeamRequest) => apiRequest<Team>("/teams", { method: "POST", body }),
  update: (id: string, body: UpdateTeamRequest) =>
    apiRequest<Team>(`/teams/${encodeURIComponent(id)}`, { method: "PATCH", body }),
};
