import type { AppSettings, ScoreRecalculation, updateSettingsBody } from "@shared/schemas/settings";
import { apiRequest } from "@web/api/api-client";
import type { z } from "zod";

export type { AppSettings, ScoreRecalculation };
export type ScoreRule = AppSettings["leadScoreRules"][number];
export type UpdateSettingsRequest = z.input<typeof updateSettingsBody>;

export const settingsApi = {
  get: (signal?: AbortSignal) => apiRequest<AppSettings>("/settings", { signal }),
  update: (body: UpdateSettingsRequest) => apiRequest<AppSettings>("/settings", { method: "PATCH", body }),
  scoreRecalculation: (signal?: AbortSignal) =>
    apiRequest<ScoreRecalculation>("/settings/score-recalculation", { signal }),
};
