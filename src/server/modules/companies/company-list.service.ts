import { COMPANY_PROFILE_FIELDS } from "@domain/companies/company-fields";
import { companyVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { streamCsv } from "@server/modules/record-lists/csv-stream";
import { bulkUpdateRecords } from "@server/modules/record-lists/record-bulk";
import type { CompanyListQuery } from "@shared/schemas/company";
import type { BulkRecordInput } from "@shared/schemas/record-bulk";
import * as repo from "./company.repository";
import { listCompanies } from "./company.service";

export function bulkUpdateCompanies(ctx: ServiceContext, input: BulkRecordInput) {
  return bulkUpdateRecords(ctx, input, {
    entity: "company",
    lock: (tx, ids) => repo.findCompaniesForUpdate(tx, ids, companyVisibility(ctx)),
    update: (tx, id, values) => repo.updateCompanyRow(tx, id, values),
  });
}

export const COMPANY_EXPORT_COLUMNS = [
  "id",
  "name",
  "website",
  "domain",
  ...COMPANY_PROFILE_FIELDS,
  "billingStreet",
  "billingPostalCode",
  "billingCity",
  "billingCountry",
  "parentCompanyId",
  "ownerId",
  "teamId",
  "tags",
  "createdAt",
  "updatedAt",
] as const;

/** Every company matching the list filters as CSV, streamed (see `streamCsv`). */
export function exportCompaniesCsv(ctx: ServiceContext, query: CompanyListQuery) {
  return streamCsv(
    COMPANY_EXPORT_COLUMNS,
    (cursor) => listCompanies(ctx, { ...query, limit: 1000, cursor: cursor ?? undefined }),
    (c) => ({
      ...c,
      billingStreet: c.billingAddress?.street,
      billingPostalCode: c.billingAddress?.postalCode,
      billingCity: c.billingAddress?.city,
      billingCountry: c.billingAddress?.country,
      tags: c.tags.join(", "),
    }),
  );
}
