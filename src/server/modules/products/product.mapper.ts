import { normaliseRate } from "@domain/quotes/vat-rates";
import type { Product } from "@shared/schemas/quote";
import type { ProductRow } from "./product.repository";

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    sku: row.sku,
    description: row.description,
    unit: row.unit,
    netPrice: { amount: row.netPrice, currency: row.currency },
    vatRate: normaliseRate(row.vatRate),
    currency: row.currency,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
