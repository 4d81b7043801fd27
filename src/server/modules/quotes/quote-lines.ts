import { type LineInput, quoteTotals } from "@domain/quotes/quote-totals";
import { isKnownRate, normaliseRate } from "@domain/quotes/vat-rates";
import type { DbOrTx } from "@server/db/client";
import { type AppError, ruleViolation } from "@server/errors";
import { productsByIds } from "@server/modules/products/product.repository";
import type { QuoteLineInput } from "@shared/schemas/quote";
import type { NewQuoteLineRow } from "./quote.repository";

export type ResolvedLine = Omit<NewQuoteLineRow, "quoteId">;

/**
 * Turns the lines a client sent into stored lines: a product fills in what the line leaves out
 * (name, unit, price, rate), every line is checked against the rules the schema cannot know (the
 * product exists, the currency is the deal's, the rate is offered), and each line's net is the
 * server's (domain/quotes/quote-totals.ts). The first broken rule is refused at `lines.<i>.<field>`.
 */
export async function resolveLines(
  db: DbOrTx,
  input: readonly QuoteLineInput[],
  currency: string,
  customRates: readonly string[],
): Promise<{ lines: ResolvedLine[]; totals: ReturnType<typeof quoteTotals> }> {
  const productIds = [...new Set(input.flatMap((l) => (l.productId ? [l.productId] : [])))];
  const products = new Map((await productsByIds(db, productIds)).map((p) => [p.id, p]));
  const at = (index: number, field: string, error: AppError) => error.at(`lines.${index}.${field}`);

  const lines = input.map((line, index): ResolvedLine => {
    const product = line.productId ? products.get(line.productId) : undefined;
    if (line.productId && !product) throw at(index, "productId", ruleViolation("product_not_found"));
    const unitPrice = line.unitPrice ?? (product && { amount: product.netPrice, currency: product.currency });
    if (!unitPrice) throw at(index, "unitPrice", ruleViolation("required"));
    if (unitPrice.currency !== currency)
      throw at(index, "unitPrice.currency", ruleViolation("currency_not_deal", { currency }));
    const vatRate = line.vatRate ?? product?.vatRate;
    if (vatRate === undefined) throw at(index, "vatRate", ruleViolation("required"));
    if (!isKnownRate(vatRate, customRates)) throw at(index, "vatRate", ruleViolation("vat_rate_unknown"));
    const description = line.description ?? product?.name;
    if (!description) throw at(index, "description", ruleViolation("required"));
    return {
      position: index + 1,
      productId: product?.id ?? null,
      description,
      quantity: line.quantity,
      unit: line.unit ?? product?.unit ?? "Stk",
      unitPrice: unitPrice.amount,
      discountPercent: line.discountPercent,
      vatRate: normaliseRate(vatRate),
      net: "0",
    };
  });
  const totals = quoteTotals(lines.map(asLineInput));
  return { lines: lines.map((line, i) => ({ ...line, net: totals.lines[i] ?? "0.00" })), totals };
}

export const asLineInput = (line: {
  quantity: string;
  unitPrice: string;
  discountPercent?: string | null | undefined;
  vatRate: string;
}): LineInput => ({
  quantity: line.quantity,
  unitPrice: line.unitPrice,
  discountPercent: line.discountPercent ?? "0",
  vatRate: line.vatRate,
});
