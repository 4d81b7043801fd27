import yauzl from "yauzl";

/** workbook.xml lists the sheets; a workbook's is a few kB, more is no workbook we read. */
const MAX_WORKBOOK_XML = 1024 * 1024;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * The sheet names of an XLSX in tab order, from its `xl/workbook.xml` (yauzl reads that one entry;
 * ExcelJS's streaming reader would have to read every sheet's rows to name them). The `<sheet
 * name="…">` attributes are all that is read: OOXML writes them as plain attributes with the five XML
 * entities. Empty when the file has no readable workbook part (the row reader then says why).
 */
export function xlsxSheetNames(path: string): Promise<string[]> {
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) {
        resolve([]);
        return;
      }
      let names: string[] = [];
      const finish = () => {
        zip.close();
        resolve(names);
      };
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName !== "xl/workbook.xml" || entry.uncompressedSize > MAX_WORKBOOK_XML) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            finish();
            return;
          }
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("error", finish);
          stream.on("end", () => {
            const xml = Buffer.concat(chunks).toString("utf8");
            names = [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g)].map((m) =>
              (m[1] ?? "").replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? ""),
            );
            finish();
          });
        });
      });
      zip.on("end", finish);
      zip.on("error", finish);
      zip.readEntry();
    });
  });
}
