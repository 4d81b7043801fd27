import type { Company, createCompanyBody, updateCompanyBody } from "@shared/schemas/company";
import type { CompanyDeal, CompanyFile, DealTotal } from "@shared/schemas/company-file";
import { apiRequest, apiSend, type RequestOptions } from "@web/api/api-client";
import type { Page } from "@web/api/types";
import type { z } from "zod";

export type { Company, CompanyDeal, CompanyFile, DealTotal };
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
};
