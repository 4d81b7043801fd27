import { PassThrough, Readable } from "node:stream";
import type { DbOrTx } from "@server/db/client";
import { type ExportLocale, uiText } from "@server/modules/exports/export-labels";
import { neutralizeFormula } from "@server/modules/exports/formula-guard";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import * as repo from "./import.repository";

interface RowError {
  column?: string;
  field?: string;
  path?: string;
  code?: string;
}

/** "E-Mail: Keine gültige E-Mail-Adresse" for each of a row's errors, in the import's language. */
function errorText(locale: ExportLocale, detail: Record<string, unknown> | null): string {
  const errors = (detail?.errors ?? []) as RowError[];
  return errors
    .map((e) => {
      const said = e.code ? uiText(locale, `serverErrors.${e.code}`).replace(/\{\{\w+\}\}/g, "") : "";
      return `${e.column ?? e.field ?? e.path ?? ""}: ${said}`;
    })
    .join("; ");
}

async function* errorRows(db: DbOrTx, importId: string) {
  let after = 0;
  for (;;) {
    const rows = await repo.previewRows(db, importId, { outcome: "error", after, limit: 1000 });
    const last = rows.at(-1);
    if (!last) return;
    yield rows;
    after = last.rowNo;
  }
}

/**
 * The rows that did not go in, as the file came (same format, encoding and separator) with an error
 * column at the end: fixed, the file imports again as it is.
 */
export function errorFile(db: DbOrTx, imp: repo.ImportRow): Readable {
  const locale: ExportLocale = imp.locale === "en" ? "en" : "de";
  const header = [...imp.columns, uiText(locale, "imports.errorColumn")];
  if (imp.format === "xlsx") {
    const out = new PassThrough();
    const write = async () => {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
      const sheet = workbook.addWorksheet(imp.sheet ?? "Fehler");
      sheet.addRow(header).commit();
      for await (const rows of errorRows(db, imp.id))
        for (const row of rows) sheet.addRow([...row.cells, errorText(locale, row.detail)]).commit();
      sheet.commit();
      await workbook.commit();
    };
    write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
    return out;
  }
  const encoding = imp.encoding ?? "utf-8";
  async function* csv() {
    const stringifier = stringify({
      delimiter: imp.delimiter ?? ",",
      bom: false,
      record_delimiter: "windows",
    });
    const chunks: string[] = [];
    stringifier.on("data", (chunk: Buffer | string) => chunks.push(chunk.toString()));
    stringifier.write(header);
    // Only the first chunk carries the BOM.
    let first = true;
    const take = () => {
      const text = chunks.splice(0).join("");
      const bytes = iconv.encode(text, encoding, { addBOM: first && encoding === "utf-8" });
      first = false;
      return bytes;
    };
    for await (const rows of errorRows(db, imp.id)) {
      // The cells go back as they came, apart from the formula guard a spreadsheet needs.
      for (const row of rows)
        stringifier.write([...row.cells.map(neutralizeFormula), errorText(locale, row.detail)]);
      await new Promise((resolve) => setImmediate(resolve));
      yield take();
    }
    stringifier.end();
    await new Promise((resolve) => stringifier.on("end", resolve));
    yield take();
  }
  return Readable.from(csv());
}
