import { isKnownRate, normaliseRate } from "@domain/quotes/vat-rates";
import { authorize } from "@server/access/authorize";
import { assertCurrentVersion } from "@server/access/record-guards";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { isUniqueViolation } from "@server/db/errors";
import { decodeSortedCursor, toPage } from "@server/db/keyset";
import { AppError, conflict, notFound, ruleViolation } from "@server/errors";
import { audit, fieldChanges } from "@server/modules/audit/audit";
import { readLetterhead } from "@server/modules/settings/letterhead.service";
import type { Page } from "@shared/schemas/common";
import type { createProductBody, Product, productListQuery, updateProductBody } from "@shared/schemas/quote";
import type { z } from "zod";
import { toProduct } from "./product.mapper";
import * as repo from "./product.repository";
import { productsFromCsv, productsToCsv } from "./product-csv";

export type CreateProductInput = z.output<typeof createProductBody>;
export type UpdateProductInput = z.output<typeof updateProductBody>;

const AUDITED = ["name", "sku", "description", "unit", "netPrice", "vatRate", "currency", "active"] as const;

/** The price list is everyone's to read (quotes are written from it); only product.manage changes it. */
export async function listProducts(
  ctx: ServiceContext,
  query: z.output<typeof productListQuery>,
): Promise<Page<Product>> {
  const cursor = query.cursor ? decodeSortedCursor(query.cursor, query.sort) : null;
  const rows = await repo.listProductRows(ctx.db, {
    sort: query.sort,
    limit: query.limit,
    cursor,
    q: query.q,
    active: query.active,
  });
  const page = toPage(rows, query.limit, (row) => [query.sort, repo.sortValueOf(row, query.sort), row.id]);
  return { data: page.data.map(toProduct), nextCursor: page.nextCursor };
}

export async function getProduct(ctx: ServiceContext, id: string): Promise<Product> {
  const row = await repo.findProduct(ctx.db, id);
  if (!row) throw notFound("product_not_found");
  return toProduct(row);
}

/** A rate must be one the settings offer; refused at `field` otherwise. */
export async function assertKnownRate(db: DbOrTx, rate: string, field: string): Promise<void> {
  const { customVatRates } = await readLetterhead(db);
  if (!isKnownRate(rate, customVatRates)) throw ruleViolation("vat_rate_unknown").at(field);
}

/** Creates a product, or (import) updates the one with the same SKU. */
export async function createProductIn(tx: DbOrTx, ctx: ServiceContext, input: CreateProductInput) {
  await assertKnownRate(tx, input.vatRate, "vatRate");
  try {
    const row = await repo.insertProduct(tx, {
      name: input.name,
      sku: input.sku ?? null,
      description: input.description ?? null,
      unit: input.unit,
      netPrice: input.netPrice.amount,
      currency: input.netPrice.currency,
      vatRate: normaliseRate(input.vatRate),
      active: input.active,
    });
    await audit(tx, ctx, "product.created", row, { name: row.name, sku: row.sku });
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("sku_taken").at("sku");
    throw error;
  }
}

export async function createProduct(ctx: ServiceContext, input: CreateProductInput): Promise<Product> {
  authorize(ctx, "product.manage");
  return toProduct(await ctx.db.transaction((tx) => createProductIn(tx, ctx, input)));
}

export async function updateProductIn(
  tx: DbOrTx,
  ctx: ServiceContext,
  current: repo.ProductRow,
  input: UpdateProductInput,
) {
  if (input.vatRate !== undefined) await assertKnownRate(tx, input.vatRate, "vatRate");
  const values: Partial<repo.NewProductRow> = {};
  if (input.name !== undefined) values.name = input.name;
  if (input.sku !== undefined) values.sku = input.sku ?? null;
  if (input.description !== undefined) values.description = input.description ?? null;
  if (input.unit !== undefined) values.unit = input.unit;
  if (input.netPrice !== undefined) {
    values.netPrice = input.netPrice.amount;
    values.currency = input.netPrice.currency;
  }
  if (input.vatRate !== undefined) values.vatRate = normaliseRate(input.vatRate);
  if (input.active !== undefined) values.active = input.active;
  try {
    const row = await repo.updateProductRow(tx, current.id, values);
    const changes = fieldChanges(toProduct(current), toProduct(row), AUDITED);
    await audit(tx, ctx, "product.updated", row, changes);
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("sku_taken").at("sku");
    throw error;
  }
}

export async function updateProduct(ctx: ServiceContext, id: string, input: UpdateProductInput) {
  authorize(ctx, "product.manage");
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findProductForUpdate(tx, id);
    if (!current) throw notFound("product_not_found");
    assertCurrentVersion("product", current, input.version);
    return toProduct(await updateProductIn(tx, ctx, current, input));
  });
}

/** The whole price list as CSV in the caller's locale. */
export async function exportProducts(ctx: ServiceContext, locale: "de" | "en"): Promise<string> {
  const rows = await repo.allProducts(ctx.db);
  return productsToCsv(rows.map(toProduct), locale);
}

/**
 * Imports a price list in one transaction: a row whose SKU exists updates that product, any other
 * row creates one; one bad row refuses the file and nothing is written.
 */
export async function importProducts(ctx: ServiceContext, csvText: string) {
  authorize(ctx, "product.manage");
  const rows = productsFromCsv(csvText);
  return ctx.db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    for (const [index, row] of rows.entries()) {
      const at = `rows.${index + 1}`;
      try {
        const existing = row.sku ? await repo.findProductBySku(tx, row.sku) : undefined;
        if (existing) {
          await updateProductIn(tx, ctx, existing, row);
          updated += 1;
        } else {
          await createProductIn(tx, ctx, row);
          created += 1;
        }
      } catch (error) {
        if (error instanceof AppError) throw error.under(at);
        throw error;
      }
    }
    return { created, updated };
  });
}
