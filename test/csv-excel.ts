import { parse } from "csv-parse/sync";

/**
 * The cells of a CSV download as German Excel reads them: split on `;`, quotes honoured where a cell
 * starts with one, anything else taken as it stands (Excel does not refuse a stray quote).
 */
export function excelCells(body: string, delimiter = ";"): string[][] {
  return parse(body, { bom: true, delimiter, relax_quotes: true, relax_column_count: true });
}

/** Cells Excel would evaluate: those that start with = + - or @ (after the apostrophe guard, none should). */
export const formulaCells = (rows: string[][]): string[] =>
  rows.flat().filter((cell) => /^[=+\-@]/.test(cell));
