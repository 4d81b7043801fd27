import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import multipart from "@fastify/multipart";
import { AppError, field, invalidInput } from "@server/errors";
import { problemResponses } from "@server/plugins/openapi";
import { message } from "@shared/message-codes";
import { idParams } from "@shared/schemas/common";
import {
  IMPORT_ENTITIES,
  type ImportEntity,
  importMappingBody,
  importRowSchema,
  importRowsQuery,
  importSchema,
  importTemplateBody,
  importTemplateSchema,
  importTemplatesQuery,
} from "@shared/schemas/import";
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorFile } from "./error-file";
import { DELIMITERS, type Delimiter, type DetectedFile, FILE_LIMITS } from "./file-reader";
import * as repo from "./import.repository";
import * as imports from "./import.service";
import * as templates from "./import-template.service";

const MB = 1024 * 1024;

/** The upload's parts: the file goes to a temporary file as it arrives, the fields are collected. */
async function receiveUpload(request: FastifyRequest) {
  const fields: Record<string, string> = {};
  let file: imports.UploadedFile | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        if (file) {
          part.file.resume();
          continue;
        }
        const target = path.join(tmpdir(), `leadwerk-import-${randomUUID()}`);
        await pipeline(part.file, createWriteStream(target));
        file = { path: target, fileName: part.filename || "import" };
      } else if (typeof part.value === "string") fields[part.fieldname] = part.value;
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE")
      throw new AppError(
        "payload_too_large",
        message("import_file_too_large", { max: FILE_LIMITS.maxBytes / MB }),
        [field("file", "import_file_too_large", { max: FILE_LIMITS.maxBytes / MB })],
      );
    if (code?.startsWith("FST_"))
      throw invalidInput(message("import_file_missing"), [field("file", "import_file_missing")]);
    throw error;
  }
  return { fields, file };
}

/** `delimiter`, `encoding` and `sheet` as the user corrected them; anything else is refused by name. */
function requestedDetection(fields: Record<string, string>): Partial<DetectedFile> {
  const out: Partial<DetectedFile> = {};
  const delimiter = fields.delimiter === "tab" ? "\t" : fields.delimiter;
  if (delimiter) {
    if (!DELIMITERS.includes(delimiter as Delimiter))
      throw invalidInput(message("request_invalid_field", { part: "body" }), [field("delimiter", "invalid")]);
    out.delimiter = delimiter as Delimiter;
  }
  if (fields.encoding) {
    if (fields.encoding !== "utf-8" && fields.encoding !== "windows-1252")
      throw invalidInput(message("request_invalid_field", { part: "body" }), [field("encoding", "invalid")]);
    out.encoding = fields.encoding;
  }
  if (fields.sheet) out.sheet = fields.sheet.slice(0, 100);
  return out;
}

/** `/api/v1/imports`: upload, mapping and dry run, start, cancel, undo, error file (issue #17). */
export function importRoutes(app: FastifyInstance): void {
  // Multipart parsing only in this scope: every other route keeps answering 415 to it.
  const routes: FastifyPluginAsync = async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: FILE_LIMITS.maxBytes, files: 1, fields: 10, fieldSize: 1000, parts: 12 },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ["Imports"];

    r.post(
      "/imports",
      {
        schema: {
          tags,
          summary:
            "Upload a CSV or XLSX file (multipart: file, entity; optional delimiter, encoding, sheet): read, checked and mapped automatically",
          consumes: ["multipart/form-data"],
          response: { 201: importSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { fields, file } = await receiveUpload(request);
        try {
          const entity = fields.entity ?? "lead";
          if (!IMPORT_ENTITIES.includes(entity as ImportEntity))
            throw invalidInput(message("request_invalid_field", { part: "body" }), [
              field("entity", "invalid"),
            ]);
          if (!file)
            throw invalidInput(message("import_file_missing"), [field("file", "import_file_missing")]);
          const created = await imports.createImport(
            request.ctx(),
            entity as ImportEntity,
            file,
            requestedDetection(fields),
          );
          return reply.code(201).send(created);
        } finally {
          if (file) await rm(file.path, { force: true });
        }
      },
    );

    r.get(
      "/import-templates",
      {
        schema: {
          tags,
          summary: "Saved mappings (of one entity): applied on upload when the file has their columns",
          querystring: importTemplatesQuery,
          response: { 200: z.object({ data: z.array(importTemplateSchema) }), ...problemResponses },
        },
      },
      async (request) => templates.listImportTemplates(request.ctx(), request.query.entity),
    );

    r.post(
      "/import-templates",
      {
        schema: {
          tags,
          summary: "Save a mapping under a name (the same name of the same entity replaces yours)",
          body: importTemplateBody,
          response: { 201: importTemplateSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await templates.saveImportTemplate(request.ctx(), request.body)),
    );

    r.delete(
      "/import-templates/:id",
      {
        schema: {
          tags,
          summary: "Delete a saved mapping (whoever saved it, or an admin)",
          params: idParams,
          response: { 204: z.null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await templates.deleteImportTemplate(request.ctx(), request.params.id);
        return reply.code(204).send(null);
      },
    );

    r.get(
      "/imports/:id/values",
      {
        schema: {
          tags,
          summary: "The distinct values of one column with their counts (for the value mapping)",
          params: idParams,
          querystring: z.strictObject({ column: z.string().min(1).max(300) }),
          response: {
            200: z.object({ data: z.array(z.object({ value: z.string(), count: z.number().int() })) }),
            ...problemResponses,
          },
        },
      },
      async (request) => imports.columnValues(request.ctx(), request.params.id, request.query.column),
    );

    r.get(
      "/imports/:id",
      {
        schema: {
          tags,
          summary: "An import: its state, counts and progress",
          params: idParams,
          response: { 200: importSchema, ...problemResponses },
        },
      },
      async (request) => imports.getImport(request.ctx(), request.params.id),
    );

    r.put(
      "/imports/:id/mapping",
      {
        schema: {
          tags,
          summary: "Set the column mapping and duplicate policy; computes the dry run (nothing written)",
          params: idParams,
          body: importMappingBody,
          response: { 200: importSchema, ...problemResponses },
        },
      },
      async (request) => imports.setMapping(request.ctx(), request.params.id, request.body),
    );

    r.get(
      "/imports/:id/rows",
      {
        schema: {
          tags,
          summary:
            "The dry run's (later the run's) outcome per row, filtered by outcome, keyset by row number",
          params: idParams,
          querystring: importRowsQuery,
          response: {
            200: z.object({ data: z.array(importRowSchema), nextCursor: z.string().nullable() }),
            ...problemResponses,
          },
        },
      },
      async (request) => imports.listImportRows(request.ctx(), request.params.id, request.query),
    );

    for (const [action, run] of [
      ["start", imports.startImport],
      ["cancel", imports.cancelImport],
      ["undo", imports.undoImport],
    ] as const) {
      r.post(
        `/imports/:id/${action}`,
        {
          schema: {
            tags,
            summary: `${action[0]?.toUpperCase()}${action.slice(1)} the import (a durable job; progress in GET /imports/{id})`,
            params: idParams,
            response: { 200: importSchema, ...problemResponses },
          },
        },
        async (request) => {
          const result = await run(request.ctx(), request.params.id);
          // The job was queued in the service's transaction; this process looks at once.
          app.jobs.wake();
          return result;
        },
      );
    }

    r.get(
      "/imports/:id/errors",
      {
        schema: {
          tags,
          summary: "The rows that did not go in, in the upload's format, with an error column",
          params: idParams,
        },
      },
      async (request, reply) => {
        const imp = await imports.getImport(request.ctx(), request.params.id);
        const row = await repo.findImport(request.ctx().db, imp.id);
        if (!row) throw new Error("import vanished");
        const base = row.fileName.replace(/\.[^.]+$/, "").replace(/[^\w.\- ]/g, "_");
        const type =
          row.format === "xlsx"
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : `text/csv; charset=${row.encoding ?? "utf-8"}`;
        return reply
          .header("content-type", type)
          .header("content-disposition", `attachment; filename="${base}-errors.${row.format}"`)
          .send(errorFile(request.ctx().db, row));
      },
    );
  };
  app.register(routes);
}
