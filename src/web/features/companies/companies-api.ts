import type { Company, createCompanyBody, updateCompanyBody } from "@shared/schemas/company";
import type { CompanyDeal, CompanyFile, DealTotal } from "@shared/schemas/company-file";
import type { CompanyDuplicate, companyMergeBody } from "@shared/schemas/duplicates-merge";
import type { BulkRecordInput } from "@shared/schemas/record-bulk";
import { apiRequest, apiSend, apiUrl, type RequestOptions } from "@web/api/api-client";
import type { Page } from "@web/api/types";
import type { BulkResult } from "@web/features/contacts/contacts-api";
import type { z } from "zod";

export type { Company, CompanyDeal, CompanyDuplicate, CompanyFile, DealTotal };
export type CompanyMergeRequest = z.input<typeof companyMergeBody>;
export type CreateCompanyRequest = z.input<typeof createCompanyBody>;
export type UpdateCompanyRequest = z.input<typeof updateCompanyBody>;
/** Query parameters of GET /companies. */
export type CompanyQuery = NonNullable<RequestOptions["query"]>;

const path = (id: string) => `/companies/${encodeURIComponent(id)}`;

export const companiesApi = {
  list: (query: CompanyQuery, signal?: AbortSignal) =>
    apiRequest<Page<Company>>("/companies", { query, signal }),
  get: (id: string, signal?: AbortSignal) => apiRequest<Company>(path(id), { signal }),
  file: (id: string, signal?: AbortSignal) => apiRequest<CompanyFile>(`${path(id)}/file`, { signal }),
  create: (body: CreateCompanyRequest) => apiRequest<Company>("/companies", { method: "POST", body }),
  update: (id: string, body: UpdateCompanyRequest) =>
    apiRequest<Company>(path(id), { method: "PATCH", body }),
  remove: (id: string) => apiSend(path(id), { method: "DELETE" }),
  duplicates: (id: string, signal?: AbortSignal) =>
    apiRequest<{ data: CompanyDuplicate[] }>(`${path(id)}/duplicates`, { signal }),
  matches: (query: CompanyQuery, signal?: AbortSignal) =>
    apiRequest<{ data: CompanyDuplicate[] }>("/companies/matches", { query, signal }),
  merge: (body: CompanyMergeRequest) =>
    apiRequest<{ company: Company; moved: Record<string, number> }>("/companies/merge", {
      method: "POST",
      body,
    }),
  bulk: (body: BulkRecordInput) => apiRequest<BulkResult>("/companies/bulk", { method: "POST", body }),
  exportUrl: (query: CompanyQuery) => apiUrl("/companies/export.csv", query),
};
