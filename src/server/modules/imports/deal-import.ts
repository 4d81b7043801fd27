import { visibleWhere } from "@server/access/permission-gate";
import { deals } from "@server/db/schema";
import { createDealIn, updateDealIn } from "@server/modules/deals/deal.service";
import { MONEY_RULES, PERCENT_RULES } from "@shared/locale-number";
import { createDealBody, updateDealBody } from "@shared/schemas/deal";
import { DEAL_IMPORT_FIELDS, type MatchKey } from "@shared/schemas/import";
import { and, inArray } from "drizzle-orm";
import { CellReader } from "./cell-readers";
import type { ReadRow, RecordImportSpec } from "./record-import";

/**
 * Deals in the file import (issue #17): matched by external id; the amount and the expected close
 * in the file's locale (1.234,56 and 23.11.2026); the company and contact they name are found by
 * external id, email or name, or created when the import's link policy says so.
 */
export const DEAL_IMPORT: RecordImportSpec = {
  entity: "deal",
  fields: DEAL_IMPORT_FIELDS,
  choices: {},
  updatable: ["title", "amount", "probability", "expectedCloseDate", "companyId", "description"],
  createBody: createDealBody,
  updateBody: updateDealBody,
  fieldOfPath: (path) =>
    path.startsWith("amount.currency")
      ? "currency"
      : path.startsWith("contacts")
        ? "contactName"
        : path === "companyId"
          ? "companyName"
          : (path.split(".")[0] ?? path),

  read(cells, options): ReadRow {
    const cell = new CellReader(cells, options);
    const values: Record<string, unknown> = {};
    for (const f of ["externalId", "title", "description"]) if (cells[f] !== undefined) values[f] = cells[f];
    const amount = cell.number("amount", MONEY_RULES);
    if (amount !== undefined)
      values.amount = { amount: amount.toFixed(2), currency: (cells.currency ?? "EUR").toUpperCase() };
    const probability = cell.number("probability", PERCENT_RULES);
    if (probability !== undefined) values.probability = probability;
    const close = cell.day("expectedCloseDate");
    if (close) values.expectedCloseDate = close;
    const links: ReadRow["links"] = [];
    if (cells.companyName || cells.companyExternalId)
      links.push({
        entity: "company",
        field: cells.companyName ? "companyName" : "companyExternalId",
        label: cells.companyName ?? cells.companyExternalId ?? "",
        name: cells.companyName,
        externalId: cells.companyExternalId,
        creatable: Boolean(cells.companyName),
      });
    if (cells.contactName || cells.contactEmail || cells.contactExternalId)
      links.push({
        entity: "contact",
        field: cells.contactName ? "contactName" : cells.contactEmail ? "contactEmail" : "contactExternalId",
        label: cells.contactName ?? cells.contactEmail ?? cells.contactExternalId ?? "",
        name: cells.contactName,
        email: cells.contactEmail,
        externalId: cells.contactExternalId,
        creatable: Boolean(cells.contactName),
      });
    const keys: ReadRow["keys"] = cells.externalId ? [{ key: "externalId", value: cells.externalId }] : [];
    return { values, keys, links, errors: cell.errors };
  },

  async match(db, ctx, keys: Map<MatchKey, string[]>) {
    const externalIds = keys.get("externalId") ?? [];
    if (!externalIds.length) return [];
    const rows = await db
      .select({ id: deals.id, externalId: deals.externalId })
      .from(deals)
      .where(and(visibleWhere(ctx.actor, "deal", deals), inArray(deals.externalId, externalIds)));
    return rows.map((r) => ({ id: r.id, keys: [`externalId:${r.externalId}`] }));
  },

  async current(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.select().from(deals).where(inArray(deals.id, ids));
    return new Map(
      rows.map((d) => [
        d.id,
        {
          customFields: d.customFields,
          externalId: d.externalId,
          title: d.title,
          amount: d.amount === null ? null : { amount: d.amount, currency: d.currency },
          probability: d.probability,
          expectedCloseDate: d.expectedCloseDate,
          companyId: d.companyId,
          description: d.description,
        },
      ]),
    );
  },

  async create(ctx, tx, values) {
    const made = await createDealIn(ctx, tx, createDealBody.parse(values));
    return { id: made.id, live: [made.live] };
  },

  async update(ctx, tx, id, values) {
    const changed = await updateDealIn(ctx, tx, id, updateDealBody.parse(values));
    return { live: changed.live };
  },
};
