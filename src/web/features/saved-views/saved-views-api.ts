import type { createViewBody, SavedView, updateViewBody } from "@shared/schemas/view";
import { apiRequest, apiSend } from "@web/api/api-client";
import type { z } from "zod";

export type { SavedView };
export type SavedViewEntity = SavedView["entity"];
export type CreateViewRequest = z.input<typeof createViewBody>;
export type UpdateViewRequest = z.input<typeof updateViewBody>;

export const savedViewsApi = {
  list: (entity: SavedViewEntity, signal?: AbortSignal) =>
    apiRequest<{ data: SavedView[] }>("/views", { query: { entity }, signal }),
  create: (body: CreateViewRequest) => apiRequest<SavedView>("/views", { method: "POST", body }),
  update: (id: string, body: UpdateViewRequest) =>
    apiRequest<SavedView>(`/views/${encodeURIComponent(id)}`, { method: "PATCH", body }),
  remove: (id: string) => apiSend(`/views/${encodeURIComponent(id)}`, { method: "DELETE" }),
};
