import type { Company, CompanyListItem, createCompanyBody, updateCompanyBody } from "@shared/schemas/company";
import type { CompanyDeal, CompanyFile, DealTotal } from "@shared/schemas/company-file";
import type {
  CompanyDuplicate,
  companyMergeBody,
  companyMergeResult,
} from "@shared/schemas/duplicates-merge";
import { apiRequest } from "@web/api/api-client";
import { recordApi } from "@web/features/records/record-api";
import type { z } from "zod";

export type { Company, CompanyDeal, CompanyDuplicate, CompanyFile, CompanyListItem, DealTotal };
export type UpdateCompanyRequest = z.input<typeof updateCompanyBody>;

/** The types the company API speaks, for the shared record hooks. */
export interface CompanyTypes {
  record: Company;
  listItem: CompanyListItem;
  create: z.input<typeof createCompanyBody>;
  update: UpdateCompanyRequest;
  duplicate: CompanyDuplicate;
  merge: z.input<typeof companyMergeBody>;
  merged: z.infer<typeof companyMergeResult>;
}

const records = recordApi<CompanyTypes>("/companies");

export const companiesApi = {
  ...records,
  file: (id: string, signal?: AbortSignal) => apiRequest<CompanyFile>(`${records.path(id)}/file`, { signal }),
};
