import { companyVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { bulkUpdateRecords } from "@server/modules/record-lists/record-bulk";
import type { BulkRecordInput } from "@shared/schemas/record-bulk";
import * as repo from "./company.repository";

export function bulkUpdateCompanies(ctx: ServiceContext, input: BulkRecordInput) {
  return bulkUpdateRecords(ctx, input, {
    entity: "company",
    lock: (tx, ids) => repo.findCompaniesForUpdate(tx, ids, companyVisibility(ctx)),
    update: (tx, id, values) => repo.updateCompanyRow(tx, id, values),
  });
}
