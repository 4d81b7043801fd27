import { companyVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { countListRows } from "@server/db/list-count";
import { companies } from "@server/db/schema";
import { customFieldListQuery } from "@server/modules/custom-fields/custom-field-query";
import { bulkUpdateRecords } from "@server/modules/record-lists/record-bulk";
import type { CompanyListQuery } from "@shared/schemas/company";
import type { BulkRecordInput } from "@shared/schemas/record-bulk";
import * as repo from "./company.repository";

export function bulkUpdateCompanies(ctx: ServiceContext, input: BulkRecordInput) {
  return bulkUpdateRecords(ctx, input, {
    entity: "company",
    lock: (tx, ids) => repo.findCompaniesForUpdate(tx, ids, companyVisibility(ctx)),
    update: (tx, id, values) => repo.updateCompanyRow(tx, id, values),
  });
}

/** The list's total under the same gate and filters as `listCompanies` (`GET /companies/count`). */
export async function countCompanies(ctx: ServiceContext, query: CompanyListQuery) {
  const custom = await customFieldListQuery(ctx, "company", query);
  return countListRows(ctx.db, companies, [
    companyVisibility(ctx),
    ...repo.companyFilters(query, ctx.actor.id),
    ...custom.filters,
  ]);
}
