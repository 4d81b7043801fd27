import type { Page } from "@shared/schemas/common";
import type { bulkResultSchema } from "@shared/schemas/lead";
import type { BulkRecordInput } from "@shared/schemas/record-bulk";
import { apiRequest, apiSend, type RequestOptions } from "@web/api/api-client";
import type { z } from "zod";

/** What a bulk request changed and which records it left alone, with why. */
export type BulkResult = z.infer<typeof bulkResultSchema>;

/** Query parameters of a record list, its CSV export and its duplicate matches. */
export type RecordQuery = NonNullable<RequestOptions["query"]>;

/** The types one record API speaks: the record, its create/update/merge bodies and answers. */
export interface RecordTypes {
  record: { id: string };
  /** A row of the list: the record and what the list shows beside it. */
  listItem: { id: string };
  create: unknown;
  update: unknown;
  duplicate: unknown;
  merge: unknown;
  merged: { moved: Record<string, number> };
}

/**
 * The calls contacts and companies share, under one collection path: list, get, create, update,
 * delete, duplicates and live matches, merge and bulk work (exports: features/exports).
 */
export function recordApi<R extends RecordTypes>(base: `/${string}`) {
  const path = (id: string) => `${base}/${encodeURIComponent(id)}`;
  return {
    path,
    list: (query: RecordQuery, signal?: AbortSignal) =>
      apiRequest<Page<R["listItem"]>>(base, { query, signal }),
    get: (id: string, signal?: AbortSignal) => apiRequest<R["record"]>(path(id), { signal }),
    create: (body: R["create"]) => apiRequest<R["record"]>(base, { method: "POST", body }),
    update: (id: string, body: R["update"]) => apiRequest<R["record"]>(path(id), { method: "PATCH", body }),
    remove: (id: string) => apiSend(path(id), { method: "DELETE" }),
    duplicates: (id: string, signal?: AbortSignal) =>
      apiRequest<{ data: R["duplicate"][] }>(`${path(id)}/duplicates`, { signal }),
    matches: (query: RecordQuery, signal?: AbortSignal) =>
      apiRequest<{ data: R["duplicate"][] }>(`${base}/matches`, { query, signal }),
    merge: (body: R["merge"]) => apiRequest<R["merged"]>(`${base}/merge`, { method: "POST", body }),
    bulk: (body: BulkRecordInput) => apiRequest<BulkResult>(`${base}/bulk`, { method: "POST", body }),
  };
}

export type RecordApi<R extends RecordTypes> = ReturnType<typeof recordApi<R>>;
