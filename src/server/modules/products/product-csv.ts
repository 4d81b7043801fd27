import { field, invalidInput } from "@server/errors";
import { neutralizeFormula } from "@server/modules/exports/formula-guard";
import { readNumber, toAmountString } from "@shared/locale-number";
import { message } from "@shared/message-codes";
import { createProductBody, type Product } from "@shared/schemas/quote";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { z } from "zod";

/**
 * The price list as CSV in the user's locale (issue #19): German with semicolons and 1.234,50 (what
 * German Excel opens and saves), English with commas and 1234.50. Written with csv-stringify and read
 * with csv-parse, whose quoting rules are the RFC 4180 ones spreadsheet programs use.
 */
export const PRODUCT_CSV_COLUMNS = [
  "name",
  "sku",
  "description",
  "unit",
  "netPrice",
  "vatRate",
  "currency",
  "active",
] as const;
/** More is an import that belongs in a file import job, not one request. */
export const MAX_IMPORT_ROWS = 5000;

type Locale = "de" | "en";
const delimiterOf = (locale: Locale) => (locale === "de" ? ";" : ",");
const formatDecimal = (amount: string, locale: Locale, decimals: number) =>
  new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(Number(amount));

export function productsToCsv(products: readonly Product[], locale: Locale): string {
  const rows = products.map((p) => [
    p.name,
    p.sku ?? "",
    p.description ?? "",
    p.unit,
    formatDecimal(p.netPrice.amount, locale, 2),
    formatDecimal(p.vatRate, locale, 0),
    p.currency,
    p.active ? "1" : "0",
  ]);
  return stringify([[...PRODUCT_CSV_COLUMNS], ...rows.map((r) => r.map(neutralizeFormula))], {
    delimiter: delimiterOf(locale),
    bom: true,
  });
}

export type ProductImportRow = z.output<typeof createProductBody>;

const csvError = (reason: string, path = "file") =>
  invalidInput(message("csv_invalid", { reason }), [field(path, "csv_invalid", { reason })]);

/**
 * Reads an uploaded price list: the delimiter from the header line (a semicolon means the German
 * format), numbers in that locale. Every row goes through the same schema as `POST /products`; the
 * first bad cell refuses the whole file, named `rows.<n>.<column>` (n counts data rows from 1).
 */
export function productsFromCsv(text: string): ProductImportRow[] {
  // PostgreSQL text cannot hold a NUL; the JSON guard (plugins/nul-guard.ts) does not read raw bodies.
  if (text.includes("\u0000")) throw invalidInput(message("nul_character"), [field("file", "nul_character")]);
  const body = text.replace(/^\uFEFF/, "");
  const header = body.slice(0, body.search(/\r?\n|$/));
  const locale: Locale = header.includes(";") ? "de" : "en";
  let records: Record<string, string>[];
  try {
    records = parse(body, {
      columns: (names: string[]) => names.map((n) => n.trim()),
      delimiter: delimiterOf(locale),
      skip_empty_lines: true,
      trim: true,
      max_record_size: 100_000,
      to: MAX_IMPORT_ROWS + 1,
    });
  } catch (error) {
    throw csvError(error instanceof Error ? error.message.slice(0, 200) : "unreadable");
  }
  if (records.length > MAX_IMPORT_ROWS) throw csvError(`more than ${MAX_IMPORT_ROWS} rows`);
  for (const column of ["name", "netPrice", "vatRate"]) {
    if (!header.split(delimiterOf(locale)).some((h) => h.trim().replace(/^"|"$/g, "") === column))
      throw invalidInput(message("csv_column_missing", { column }), [
        field("file", "csv_column_missing", { column }),
      ]);
  }
  const numberLocale = locale === "de" ? "de-DE" : "en-US";
  const decimal = (value: string | undefined, path: string) => {
    const reading = readNumber(value ?? "", numberLocale, { maximumFractionDigits: 2, min: 0 });
    if (reading.kind !== "number") throw csvError(`${path}: not a number`, path);
    return toAmountString(reading.value);
  };
  return records.map((record, index) => {
    const at = `rows.${index + 1}`;
    const candidate = {
      name: record.name ?? "",
      sku: record.sku || null,
      description: record.description || null,
      unit: record.unit || "Stk",
      netPrice: { amount: decimal(record.netPrice, `${at}.netPrice`), currency: record.currency || "EUR" },
      vatRate: decimal(record.vatRate, `${at}.vatRate`),
      active: !["0", "false", "nein", "no"].includes((record.active ?? "1").toLowerCase()),
    };
    const parsed = createProductBody.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = [at, ...(issue?.path ?? []).map(String)].join(".");
      throw csvError(`${path}: ${issue?.message ?? "invalid"}`, path);
    }
    return parsed.data;
  });
}
