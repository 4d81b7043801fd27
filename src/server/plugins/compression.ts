import { constants } from "node:zlib";
import compress from "@fastify/compress";
import type { FastifyInstance } from "fastify";

/**
 * Compresses answers when the client asks (Accept-Encoding): JSON, HTML, the UI's scripts and styles,
 * CSV exports (issue #15: the UI's JavaScript left uncompressed, 1.98 MB on the wire). Brotli at a
 * middle quality: on the fly, quality 11 would cost more CPU than it saves bytes; the hashed assets
 * are cached by browsers for good anyway (plugins/web.ts). Files that are compressed already (PDF,
 * XLSX, images) are left alone, and the live event stream hijacks its reply, so it is never buffered.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ["br", "gzip"],
    customTypes:
      /^(application\/(json|problem\+json|javascript|xml)|text\/(html|css|javascript|csv|plain|calendar)|image\/svg\+xml)\b/,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
}
