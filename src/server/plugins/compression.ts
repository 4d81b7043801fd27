import { constants } from "node:zlib";
import compress, { type FastifyCompressOptions } from "@fastify/compress";
import type { FastifyInstance } from "fastify";

/**
 * Compresses answers when the client asks (Accept-Encoding): JSON, HTML, the UI's scripts and styles,
 * CSV exports (issue #15: the UI's JavaScript left uncompressed, 1.98 MB on the wire). Brotli at a
 * middle quality: on the fly, quality 11 would cost more CPU than it saves bytes; the hashed assets
 * are cached by browsers for good anyway (plugins/web.ts). Files that are compressed already (PDF,
 * XLSX, images) are left alone, and the live event stream hijacks its reply, so it is never buffered.
 */
const COMMON = {
  threshold: 1024,
  encodings: ["br", "gzip"],
  customTypes:
    /^(application\/(json|problem\+json|javascript|xml)|text\/(html|css|javascript|csv|plain|calendar)|image\/svg\+xml)\b/,
} satisfies FastifyCompressOptions;

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    ...COMMON,
    global: true,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
}

/**
 * A route's `compress` for file exports (issue #17): the fastest levels. A lead CSV is tens of MB and
 * compressing it at the default levels cost about a third of the export's app CPU (brotli 5 over 46 MB:
 * 1.6 s, quality 1: 0.2 s for 38 % more bytes; gzip 6 → 1 about half). The route's options replace the
 * plugin's, so the common ones are repeated.
 */
export const FILE_EXPORT_COMPRESSION = {
  ...COMMON,
  brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } },
  zlibOptions: { level: 1 },
} satisfies FastifyCompressOptions;
