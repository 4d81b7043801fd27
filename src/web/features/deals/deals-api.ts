import type { Page } from "@shared/schemas/common";
import type {
  createDealBody,
  createPipelineBody,
  Deal,
  lostDealBody,
  Pipeline,
  Stage,
  stageHistorySchema,
  updateDealBody,
  updatePipelineBody,
} from "@shared/schemas/deal";
import { apiRequest, apiSend, type RequestOptions } from "@web/api/api-client";
import type { z } from "zod";

export type { Deal, Pipeline, Stage };
export type DealStatus = Deal["status"];
export type StageHistoryEntry = z.infer<typeof stageHistorySchema>;
export type CreateDealRequest = z.input<typeof createDealBody>;
export type UpdateDealRequest = z.input<typeof updateDealBody>;
export type LostDealRequest = z.input<typeof lostDealBody>;
export type CreatePipelineRequest = z.input<typeof createPipelineBody>;
export type UpdatePipelineRequest = z.input<typeof updatePipelineBody>;
/** Query parameters of GET /deals (filters, sort, cursor). */
export type DealQuery = NonNullable<RequestOptions["query"]>;

const dealPath = (id: string) => `/deals/${encodeURIComponent(id)}`;
const pipelinePath = (id: string) => `/pipelines/${encodeURIComponent(id)}`;

export const dealsApi = {
  list: (query: DealQuery, signal?: AbortSignal) => apiRequest<Page<Deal>>("/deals", { query, signal }),
  get: (id: string, signal?: AbortSignal) => apiRequest<Deal>(dealPath(id), { signal }),
  create: (body: CreateDealRequest) => apiRequest<Deal>("/deals", { method: "POST", body }),
  update: (id: string, body: UpdateDealRequest) => apiRequest<Deal>(dealPath(id), { method: "PATCH", body }),
  remove: (id: string) => apiSend(dealPath(id), { method: "DELETE" }),
  move: (
    id: string,
    body: { stageId: string; position?: number; afterDealId?: string | null; version?: number },
  ) => apiRequest<Deal>(`${dealPath(id)}/move`, { method: "POST", body }),
  won: (id: string, version?: number) =>
    apiRequest<Deal>(`${dealPath(id)}/won`, { method: "POST", body: { version } }),
  lost: (id: string, body: LostDealRequest) =>
    apiRequest<Deal>(`${dealPath(id)}/lost`, { method: "POST", body }),
  reopen: (id: string, version?: number) =>
    apiRequest<Deal>(`${dealPath(id)}/reopen`, { method: "POST", body: { version } }),
  stageHistory: async (id: string, signal?: AbortSignal) =>
    (await apiRequest<{ data: StageHistoryEntry[] }>(`${dealPath(id)}/stage-history`, { signal })).data,
};

export const pipelinesApi = {
  list: async (signal?: AbortSignal) =>
    (await apiRequest<{ data: Pipeline[] }>("/pipelines", { signal })).data,
  get: (id: string, signal?: AbortSignal) => apiRequest<Pipeline>(pipelinePath(id), { signal }),
  create: (body: CreatePipelineRequest) => apiRequest<Pipeline>("/pipelines", { method: "POST", body }),
  update: (id: string, body: UpdatePipelineRequest) =>
    apiRequest<Pipeline>(pipelinePath(id), { method: "PATCH", body }),
  remove: (id: string) => apiSend(pipelinePath(id), { method: "DELETE" }),
};

export const lostReasonsApi = {
  get: async (signal?: AbortSignal) =>
    (await apiRequest<{ reasons: string[] }>("/settings/lost-reasons", { signal })).reasons,
  update: async (reasons: string[]) =>
    (await apiRequest<{ reasons: string[] }>("/settings/lost-reasons", { method: "PUT", body: { reasons } }))
      .reasons,
};
