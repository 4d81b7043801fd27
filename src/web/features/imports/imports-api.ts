import type {
  Import,
  ImportTemplate,
  importMappingBody,
  importRowSchema,
  importTemplateBody,
} from "@shared/schemas/import";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest, apiUrl } from "@web/api/api-client";
import type { z } from "zod";

export type { Import };
export type ImportMappingInput = z.input<typeof importMappingBody>;
export type ImportRow = z.infer<typeof importRowSchema>;
export type Outcome = NonNullable<ImportRow["outcome"]>;

export interface UploadInput {
  file: File;
  entity: Import["entity"];
  delimiter?: string | undefined;
  encoding?: string | undefined;
  /** An XLSX's sheet, as the user picked it. */
  sheet?: string | undefined;
}

export const importsApi = {
  upload: ({ file, entity, delimiter, encoding, sheet }: UploadInput) => {
    const form = new FormData();
    form.set("entity", entity);
    if (delimiter) form.set("delimiter", delimiter === "\t" ? "tab" : delimiter);
    if (encoding) form.set("encoding", encoding);
    if (sheet) form.set("sheet", sheet);
    form.set("file", file);
    return apiRequest<Import>("/imports", { method: "POST", formData: form });
  },
  get: (id: string, signal?: AbortSignal) => apiRequest<Import>(`/imports/${id}`, { signal }),
  mapping: (id: string, body: ImportMappingInput) =>
    apiRequest<Import>(`/imports/${id}/mapping`, { method: "PUT", body }),
  rows: (id: string, outcome: Outcome | null, signal?: AbortSignal) =>
    apiRequest<{ data: ImportRow[]; nextCursor: string | null }>(`/imports/${id}/rows`, {
      query: { outcome: outcome ?? undefined, limit: 100 },
      signal,
    }),
  action: (id: string, action: "start" | "cancel" | "undo") =>
    apiRequest<Import>(`/imports/${id}/${action}`, { method: "POST" }),
  errorsUrl: (id: string) => apiUrl(`/imports/${id}/errors`, {}),
  values: (id: string, column: string, signal?: AbortSignal) =>
    apiRequest<{ data: { value: string; count: number }[] }>(`/imports/${id}/values`, {
      query: { column },
      signal,
    }),
  templates: (entity: Import["entity"], signal?: AbortSignal) =>
    apiRequest<{ data: ImportTemplate[] }>("/import-templates", { query: { entity }, signal }),
  saveTemplate: (body: z.input<typeof importTemplateBody>) =>
    apiRequest<ImportTemplate>("/import-templates", { method: "POST", body }),
  deleteTemplate: (id: string) => apiRequest<null>(`/import-templates/${id}`, { method: "DELETE" }),
};

export type { ImportTemplate };

/** The saved mappings of an entity. */
export function useImportTemplates(entity: Import["entity"]) {
  return useQuery({
    queryKey: ["imports", "templates", entity],
    queryFn: ({ signal }) => importsApi.templates(entity, signal),
  });
}

/** A column's distinct values for the value mapping (only once the user opens it). */
export function useColumnValues(id: string, column: string | null) {
  return useQuery({
    queryKey: [...key(id), "values", column],
    queryFn: ({ signal }) => importsApi.values(id, column ?? "", signal),
    enabled: column !== null,
  });
}

const key = (id: string) => ["imports", id] as const;
const ACTIVE = new Set(["running", "undoing", "analysing"]);

/** The import, polled every second while its job runs (progress, rows/s, time left). */
export function useImport(id: string | undefined) {
  return useQuery({
    queryKey: key(id ?? ""),
    queryFn: ({ signal }) => importsApi.get(id ?? "", signal),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data && ACTIVE.has(query.state.data.status) ? 1000 : false),
  });
}

export function useImportRows(id: string, outcome: Outcome | null, version: string) {
  return useQuery({
    queryKey: [...key(id), "rows", outcome, version],
    queryFn: ({ signal }) => importsApi.rows(id, outcome, signal),
  });
}

/** A change of the import whose answer replaces the cached one. */
export function useImportChange<A>(run: (arg: A) => Promise<Import>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (imp) => {
      client.setQueryData(key(imp.id), imp);
      void client.invalidateQueries({ queryKey: [...key(imp.id), "rows"] });
    },
  });
}
