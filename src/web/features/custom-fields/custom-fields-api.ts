import type {
  CustomField,
  CustomFieldEntity,
  CustomFieldType,
  CustomFieldTypeChange,
  changeCustomFieldTypeBody,
  createCustomFieldBody,
  updateCustomFieldBody,
} from "@shared/schemas/custom-field";
import { apiRequest } from "@web/api/api-client";
import type { z } from "zod";

export type { CustomField, CustomFieldEntity, CustomFieldType };
export type CreateCustomFieldRequest = z.input<typeof createCustomFieldBody>;
export type UpdateCustomFieldRequest = z.input<typeof updateCustomFieldBody>;
export type ChangeTypeRequest = z.input<typeof changeCustomFieldTypeBody>;

export const customFieldsApi = {
  list: (query: { entity?: CustomFieldEntity; deleted?: boolean }, signal?: AbortSignal) =>
    apiRequest<{ data: CustomField[] }>("/custom-fields", {
      signal,
      query: { ...(query.entity && { entity: query.entity }), ...(query.deleted && { deleted: "true" }) },
    }),
  create: (body: CreateCustomFieldRequest) =>
    apiRequest<CustomField>("/custom-fields", { method: "POST", body }),
  update: (id: string, body: UpdateCustomFieldRequest) =>
    apiRequest<CustomField>(`/custom-fields/${id}`, { method: "PATCH", body }),
  remove: (id: string) => apiRequest<void>(`/custom-fields/${id}`, { method: "DELETE" }),
  restore: (id: string) => apiRequest<CustomField>(`/custom-fields/${id}/restore`, { method: "POST" }),
  /** The type change (issue #20); `dryRun` only counts what converts and names what would not. */
  changeType: (id: string, body: ChangeTypeRequest) =>
    apiRequest<CustomFieldTypeChange>(`/custom-fields/${id}/type`, { method: "POST", body }),
  purge: (id: string) => apiRequest<{ purged: number }>(`/custom-fields/${id}/purge`, { method: "POST" }),
};
