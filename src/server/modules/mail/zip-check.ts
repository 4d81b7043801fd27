import yauzl from "yauzl";

/** Types and endings that are zip containers (Office files are too). */
const ZIP_TYPES = /zip|officedocument|opendocument|java-archive/i;
const ZIP_ENDINGS = /\.(zip|docx|xlsx|pptx|odt|ods|odp|jar|epub)$/i;
/** More than this unpacked, or packed this much tighter, is a bomb, not a document. */
const MAX_UNPACKED = 200 * 1024 * 1024;
const MAX_RATIO = 100;
const MAX_ENTRIES = 10_000;

/**
 * Whether a zip attachment is a zip bomb, from its central directory alone (yauzl; nothing is
 * unpacked): declared unpacked size, compression ratio, entry count, or a zip inside (the 42.zip
 * kind). An unreadable zip counts as harmless here: it is only stored, never opened by the server.
 */
export async function zipBombReason(
  content: Buffer,
  filename: string,
  contentType: string,
): Promise<string | null> {
  const looksZip =
    ZIP_TYPES.test(contentType) ||
    ZIP_ENDINGS.test(filename) ||
    content.subarray(0, 4).equals(Buffer.from("PK\x03\x04"));
  if (!looksZip) return null;
  return new Promise((resolve) => {
    yauzl.fromBuffer(content, { lazyEntries: true, validateEntrySizes: false }, (error, zip) => {
      if (error || !zip) {
        resolve(null);
        return;
      }
      let unpacked = 0;
      let entries = 0;
      let verdict: string | null = null;
      const finish = () => {
        zip.close();
        resolve(verdict);
      };
      zip.on("entry", (entry: yauzl.Entry) => {
        entries++;
        unpacked += entry.uncompressedSize;
        const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : 0;
        if (entries > MAX_ENTRIES) verdict = "too many entries";
        else if (unpacked > MAX_UNPACKED) verdict = "unpacks too large";
        else if (ratio > MAX_RATIO && entry.uncompressedSize > 1024 * 1024) verdict = "compression ratio";
        else if (/\.zip$/i.test(entry.fileName) && ratio > 10) verdict = "nested zip";
        if (verdict) finish();
        else zip.readEntry();
      });
      zip.on("end", finish);
      zip.on("error", () => {
        verdict = null;
        finish();
      });
      zip.readEntry();
    });
  });
}
