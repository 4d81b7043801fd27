import { stringify } from "csv-stringify/browser/esm/sync";

/**
 * A table as a CSV download. Cells that a spreadsheet would read as a formula (= + - @ tab CR at the
 * start) get a leading apostrophe, as the server's exports do; csv-stringify quotes the rest.
 */
const FORMULA = /^[=+\-@\t\r]/;
const safe = (cell: string) => (FORMULA.test(cell) ? `'${cell}` : cell);

export function downloadCsv(fileName: string, header: string[], rows: string[][]) {
  const text = stringify([header, ...rows].map((row) => row.map(safe)));
  // A byte order mark lets Excel read the UTF-8 umlauts.
  const blob = new Blob([`\uFEFF${text}`], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
