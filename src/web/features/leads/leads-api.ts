import type { Page } from "@shared/schemas/common";
import type {
  bulkLeadBody,
  bulkResultSchema,
  createLeadBody,
  leadMatchSchema,
  updateLeadBody,
} from "@shared/schemas/lead";
import type { TimelineItem } from "@shared/schemas/timeline";
import type { leadDetailSchema } from "@shared/schemas/win-model";
import { apiRequest, apiSend, type RequestOptions } from "@web/api/api-client";
import type { z } from "zod";
import type { Lead, LeadField } from "./lead-model";

export type CreateLeadRequest = z.input<typeof createLeadBody>;
export type UpdateLeadRequest = z.input<typeof updateLeadBody>;
export type BulkLeadRequest = z.input<typeof bulkLeadBody>;
export type BulkResult = z.infer<typeof bulkResultSchema>;
export type LeadMatch = z.infer<typeof leadMatchSchema>;
export type LeadDetail = z.infer<typeof leadDetailSchema>;
export type { TimelineItem };

/** The list's query parameters exactly as GET /leads and the CSV export take them. */
export type LeadQuery = NonNullable<RequestOptions["query"]>;

export interface LeadMatchQuery {
  email?: string;
  phone?: string;
  mobile?: string;
  excludeId?: string;
}

const path = (id: string) => `/leads/${encodeURIComponent(id)}`;

export const leadsApi = {
  list: (query: LeadQuery, signal?: AbortSignal) => apiRequest<Page<Lead>>("/leads", { query, signal }),
  /** A page with just these fields of each lead (and id and version). */
  listFields: <F extends LeadField>(query: LeadQuery, fields: readonly F[], signal?: AbortSignal) =>
    apiRequest<Page<Pick<Lead, F | "id" | "version">>>("/leads", {
      query: { ...query, fields: fields.join(",") },
      signal,
    }),
  /** The lead page's lead: the lead and its learned win probability. */
  get: (id: string, signal?: AbortSignal) => apiRequest<LeadDetail>(path(id), { signal }),
  create: (body: CreateLeadRequest) => apiRequest<Lead>("/leads", { method: "POST", body }),
  update: (id: string, body: UpdateLeadRequest) => apiRequest<Lead>(path(id), { method: "PATCH", body }),
  remove: (id: string) => apiSend(path(id), { method: "DELETE" }),
  restore: (id: string) => apiRequest<Lead>(`${path(id)}/restore`, { method: "POST" }),
  bulk: (body: BulkLeadRequest) => apiRequest<BulkResult>("/leads/bulk", { method: "POST", body }),
  matches: (query: LeadMatchQuery, signal?: AbortSignal) =>
    apiRequest<{ data: LeadMatch[] }>("/leads/matches", { query: { ...query }, signal }),
};
