import type { FastifyDynamicSwaggerOptions } from "@fastify/swagger";
import { problemSchema } from "@shared/schemas/common";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { z } from "zod";
import { OPERATIONS, type OperationEntry, TAG_DESCRIPTIONS } from "./operations";

/**
 * Makes the generated document SDK-ready (issue #22 point 1): operationIds from operations.ts, tags
 * with descriptions, the error answers of each operation as shared responses in application/problem+json,
 * binary downloads typed as such. Only the document changes; validation and serialization keep using
 * the routes' own schemas.
 */

type Json = Record<string, unknown>;
type SwaggerTransform = NonNullable<FastifyDynamicSwaggerOptions["transform"]>;
type SwaggerTransformObject = NonNullable<FastifyDynamicSwaggerOptions["transformObject"]>;

const HTTP_METHODS = ["get", "put", "post", "delete", "patch"] as const;

/** The refusals the API documents, each a shared response (components.responses) of one problem schema. */
export const ERROR_ANSWERS: Record<number, { name: string; description: string }> = {
  400: { name: "BadRequest", description: "Malformed or invalid input; `errors` names each field" },
  401: {
    name: "Unauthorized",
    description: "Not logged in: no, an expired or a revoked session or API token",
  },
  403: {
    name: "Forbidden",
    description: "The role's rights or the record's visibility do not allow it, or the CSRF token is missing",
  },
  404: { name: "NotFound", description: "No such record, or one the caller may not see" },
  409: {
    name: "Conflict",
    description: "The record changed since it was read (`version`, If-Match), or a conflicting record exists",
  },
  410: { name: "Gone", description: "It was there and is switched off" },
  413: { name: "PayloadTooLarge", description: "The request body or file is too large" },
  415: { name: "UnsupportedMediaType", description: "The content type is not accepted here" },
  422: {
    name: "UnprocessableContent",
    description: "A rule refuses it, e.g. a status that may not follow; `code` names the rule",
  },
  429: { name: "TooManyRequests", description: "Too many attempts; Retry-After says when to try again" },
};
const OTHER_ERROR = { name: "ClientError", description: "Any other refusal, as application/problem+json" };

/** The entry of "METHOD /path", normalised. */
export function operationEntry(key: string): OperationEntry | undefined {
  const entry = OPERATIONS[key];
  return typeof entry === "string" ? { operationId: entry } : entry;
}

/** The errors an operation documents: those of its kind (method, input, login, path id) and its entry's. */
export function errorStatuses(
  method: string,
  path: string,
  operation: Json,
  entry?: OperationEntry,
): number[] {
  const codes = new Set<number>(entry?.errors ?? []);
  const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
  if (parameters.length > 0 || operation.requestBody !== undefined) codes.add(400);
  const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
  if (!isPublic) {
    codes.add(401);
    codes.add(403);
  }
  if (path.includes("{")) codes.add(404);
  if (method === "patch" || method === "put") codes.add(409);
  if (method !== "get" && method !== "delete" && operation.requestBody !== undefined) codes.add(422);
  return [...codes].sort((a, b) => a - b);
}

/** Per route: zod → JSON Schema, and `security: []` on routes reachable without login. */
export const sdkRouteTransform: SwaggerTransform = (input) => {
  const result = jsonSchemaTransform(input);
  if (!input.route.config?.public) return result;
  return { ...result, schema: { ...result.schema, security: [] } };
};

/** On the whole document, once (the plugin caches it). */
export const sdkDocumentTransform: SwaggerTransformObject = (input) => {
  const document = ("openapiObject" in input ? input.openapiObject : input.swaggerObject) as Json;
  finishDocument(document);
  return document as ReturnType<SwaggerTransformObject>;
};

export function finishDocument(document: Json): void {
  const components = (document.components ?? {}) as Json;
  document.components = components;
  components.schemas = {
    ...(components.schemas as Json | undefined),
    Problem: z.toJSONSchema(problemSchema, { target: "draft-2020-12", io: "output" }),
  };
  const problemContent = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };
  components.responses = Object.fromEntries(
    [...Object.values(ERROR_ANSWERS), OTHER_ERROR].map(({ name, description }) => [
      name,
      { description, content: problemContent },
    ]),
  );

  const usedTags = new Set<string>();
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const entry = operationEntry(`${method.toUpperCase()} ${path}`);
      if (entry) operation.operationId = entry.operationId;
      for (const tag of (operation.tags ?? []) as string[]) usedTags.add(tag);
      commaSeparatedArrays(operation);
      operation.responses = responsesOf(method, path, operation, entry);
    }
  }
  document.tags = [...usedTags].sort().map((name) => ({
    name,
    ...(TAG_DESCRIPTIONS[name] && { description: TAG_DESCRIPTIONS[name] }),
  }));
}

/**
 * Lists in a query (`status=new,assigned`, `fields=a,b`) are comma-separated, which OpenAPI calls form
 * style without explode; the server takes the repeated form (`status=new&status=assigned`) too.
 */
function commaSeparatedArrays(operation: Json): void {
  for (const parameter of (operation.parameters ?? []) as Json[]) {
    const schema = parameter.schema as Json | undefined;
    if (parameter.in === "query" && schema?.type === "array")
      Object.assign(parameter, { style: "form", explode: false });
  }
}

function responsesOf(method: string, path: string, operation: Json, entry?: OperationEntry): Json {
  const responses: Json = {};
  for (const [status, response] of Object.entries((operation.responses ?? {}) as Json)) {
    // The routes' "4xx" problem schema, inlined in each of them, gives way to the shared responses.
    if (/^4/.test(status)) continue;
    responses[status] =
      entry?.file && /^2/.test(status)
        ? {
            description: `The file (${entry.file})`,
            content: { [entry.file]: { schema: { type: "string", contentMediaType: entry.file } } },
          }
        : response;
  }
  if (entry?.success && !Object.keys(responses).some((status) => /^2/.test(status))) {
    const { status, description, contentType } = entry.success;
    responses[status] = { description, content: { [contentType]: { schema: { type: "string" } } } };
  }
  for (const status of errorStatuses(method, path, operation, entry)) {
    const answer = ERROR_ANSWERS[status];
    if (answer) responses[status] = { $ref: `#/components/responses/${answer.name}` };
  }
  responses["4XX"] = { $ref: `#/components/responses/${OTHER_ERROR.name}` };
  return responses;
}

/** Operations of the document without an entry in operations.ts, and entries without an operation. */
export function unlistedOperations(document: Json): { missing: string[]; stale: string[] } {
  const present = new Set<string>();
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    for (const method of HTTP_METHODS) if (item[method]) present.add(`${method.toUpperCase()} ${path}`);
  }
  return {
    missing: [...present].filter((key) => !(key in OPERATIONS)),
    stale: Object.keys(OPERATIONS).filter((key) => !present.has(key)),
  };
}
