import type {
  BulkConvertResult,
  bulkConvertBody,
  CompanySuggestion,
  ContactSuggestion,
  ConversionResult,
  ConversionSuggestions,
  convertLeadBody,
} from "@shared/schemas/conversion";
import { apiRequest } from "@web/api/api-client";
import type { z } from "zod";

export type ConvertLeadRequest = z.input<typeof convertLeadBody>;
export type BulkConvertRequest = z.input<typeof bulkConvertBody>;
export type {
  BulkConvertResult,
  CompanySuggestion,
  ContactSuggestion,
  ConversionResult,
  ConversionSuggestions,
};
export type ConversionPrefill = ConversionSuggestions["prefill"];

const path = (id: string) => `/leads/${encodeURIComponent(id)}/convert`;

export const conversionApi = {
  suggestions: (leadId: string, signal?: AbortSignal) =>
    apiRequest<ConversionSuggestions>(`${path(leadId)}/suggestions`, { signal }),
  convert: (leadId: string, body: ConvertLeadRequest) =>
    apiRequest<ConversionResult>(path(leadId), { method: "POST", body }),
  bulk: (body: BulkConvertRequest) =>
    apiRequest<BulkConvertResult>("/leads/convert/bulk", { method: "POST", body }),
};
