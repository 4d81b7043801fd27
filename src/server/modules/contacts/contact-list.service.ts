import { contactVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { bulkUpdateRecords } from "@server/modules/record-lists/record-bulk";
import type { BulkRecordInput } from "@shared/schemas/record-bulk";
import * as repo from "./contact.repository";

export function bulkUpdateContacts(ctx: ServiceContext, input: BulkRecordInput) {
  return bulkUpdateRecords(ctx, input, {
    entity: "contact",
    lock: (tx, ids) => repo.findContactsForUpdate(tx, ids, contactVisibility(ctx)),
    update: (tx, id, values) => repo.updateContactRow(tx, id, values),
  });
}
