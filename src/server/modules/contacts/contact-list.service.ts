import { contactVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { countListRows } from "@server/db/list-count";
import { contacts } from "@server/db/schema";
import { customFieldListQuery } from "@server/modules/custom-fields/custom-field-query";
import { bulkUpdateRecords } from "@server/modules/record-lists/record-bulk";
import type { ContactListQuery } from "@shared/schemas/contact";
import type { BulkRecordInput } from "@shared/schemas/record-bulk";
import * as repo from "./contact.repository";

export function bulkUpdateContacts(ctx: ServiceContext, input: BulkRecordInput) {
  return bulkUpdateRecords(ctx, input, {
    entity: "contact",
    lock: (tx, ids) => repo.findContactsForUpdate(tx, ids, contactVisibility(ctx)),
    update: (tx, id, values) => repo.updateContactRow(tx, id, values),
  });
}

/** The list's total under the same gate and filters as `listContacts` (`GET /contacts/count`). */
export async function countContacts(ctx: ServiceContext, query: ContactListQuery) {
  const custom = await customFieldListQuery(ctx, "contact", query);
  return countListRows(ctx.db, contacts, [
    contactVisibility(ctx),
    ...repo.contactFilters(query, ctx.actor.id),
    ...custom.filters,
  ]);
}
