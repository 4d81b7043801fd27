import { domainOfWebsite } from "@domain/companies/company-domain";
import { visibleWhere } from "@server/access/permission-gate";
import { companies } from "@server/db/schema";
import { createCompany, updateCompany } from "@server/modules/companies/company.service";
import { COMPANY_SIZES, createCompanyBody, updateCompanyBody } from "@shared/schemas/company";
import { COMPANY_IMPORT_FIELDS, type MatchKey } from "@shared/schemas/import";
import { and, inArray, or, sql } from "drizzle-orm";
import { CellReader } from "./cell-readers";
import { choiceWords } from "./import-mapping";
import type { ReadRow, RecordImportSpec } from "./record-import";

const SIZE_WORDS = choiceWords(COMPANY_SIZES, null);

/** The VAT id as companies_vat_idx holds it (upper case, nothing but letters, digits, + and *). */
const vatKey = (vatId: string) => vatId.toUpperCase().replace(/[^0-9A-Z+*]/g, "");
const vatColumn = sql<string>`regexp_replace(upper(${companies.vatId}), '[^0-9A-Z+*]', '', 'g')`;

/** Companies in the file import (issue #17): matched by VAT id, website domain, external id or name. */
export const COMPANY_IMPORT: RecordImportSpec = {
  entity: "company",
  fields: COMPANY_IMPORT_FIELDS,
  choices: { size: COMPANY_SIZES },
  updatable: [
    "externalId",
    "name",
    "website",
    "industry",
    "size",
    "vatId",
    "email",
    "phone",
    "billingAddress",
    "description",
  ],
  createBody: createCompanyBody,
  updateBody: updateCompanyBody,
  fieldOfPath: (path) => (path.startsWith("billingAddress.") ? path.slice(15) : (path.split(".")[0] ?? path)),

  read(cells, options): ReadRow {
    const cell = new CellReader(cells, options);
    const values: Record<string, unknown> = {};
    for (const f of ["externalId", "name", "website", "industry", "vatId", "email", "phone", "description"])
      if (cells[f] !== undefined) values[f] = cells[f];
    const size = cell.choice("size", COMPANY_SIZES, SIZE_WORDS);
    if (size) values.size = size;
    const address = ["street", "postalCode", "city", "country"].filter((f) => cells[f] !== undefined);
    if (address.length) values.billingAddress = Object.fromEntries(address.map((f) => [f, cells[f]]));
    const keys: ReadRow["keys"] = [];
    if (cells.vatId && vatKey(cells.vatId)) keys.push({ key: "vatId", value: vatKey(cells.vatId) });
    const domain = domainOfWebsite(cells.website);
    if (domain) keys.push({ key: "domain", value: domain });
    if (cells.externalId) keys.push({ key: "externalId", value: cells.externalId });
    if (cells.name) keys.push({ key: "name", value: cells.name.trim().toLowerCase() });
    return { values, keys, links: [], errors: cell.errors };
  },

  async match(db, ctx, keys: Map<MatchKey, string[]>) {
    const vat = keys.get("vatId") ?? [];
    const domains = keys.get("domain") ?? [];
    const externalIds = keys.get("externalId") ?? [];
    const names = keys.get("name") ?? [];
    const visible = visibleWhere(ctx.actor, "company", companies);
    const found: { id: string; keys: string[] }[] = [];
    if (vat.length || domains.length || externalIds.length) {
      const rows = await db
        .select({
          id: companies.id,
          vat: vatColumn,
          domain: companies.domain,
          externalId: companies.externalId,
        })
        .from(companies)
        .where(
          and(
            visible,
            or(
              vat.length ? inArray(vatColumn, vat) : undefined,
              domains.length ? inArray(companies.domain, domains) : undefined,
              externalIds.length ? inArray(companies.externalId, externalIds) : undefined,
            ),
          ),
        );
      for (const r of rows)
        found.push({
          id: r.id,
          keys: [
            ...(r.vat ? [`vatId:${r.vat}`] : []),
            ...(r.domain ? [`domain:${r.domain}`] : []),
            ...(r.externalId ? [`externalId:${r.externalId}`] : []),
          ],
        });
    }
    if (names.length) {
      // The name as the sort key folds it (case, accents, ß), on companies_name_idx.
      const result = await db.execute(sql`
        select n.wanted, ${companies.id} as id
        from unnest(${sql.param(names)}::text[]) as n(wanted)
        join ${companies} on ${companies.sortKey} = f_sort_key(n.wanted)
        where ${visible}`);
      for (const r of (result as unknown as { rows: { wanted: string; id: string }[] }).rows)
        found.push({ id: r.id, keys: [`name:${r.wanted}`] });
    }
    return found;
  },

  async current(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.select().from(companies).where(inArray(companies.id, ids));
    return new Map(
      rows.map((c) => [
        c.id,
        {
          customFields: c.customFields,
          externalId: c.externalId,
          name: c.name,
          website: c.website,
          industry: c.industry,
          size: c.size,
          vatId: c.vatId,
          email: c.email,
          phone: c.phone,
          billingAddress: c.billingAddress,
          description: c.description,
        },
      ]),
    );
  },

  async create(ctx, tx, values) {
    const made = await createCompany({ ...ctx, db: tx }, createCompanyBody.parse(values));
    return { id: made.id, live: [] };
  },

  async update(ctx, tx, id, values) {
    await updateCompany({ ...ctx, db: tx }, id, updateCompanyBody.parse(values));
    return { live: [] };
  },
};
