/**
 * How responses are written. fastify-type-provider-zod encodes every response with zod (checks every
 * string format, enum and number of every row: about a fifth of a list request's CPU). In production
 * we instead write exactly the fields the response schema lists, without the checks: a field a schema
 * does not list is dropped, as zod drops it, so nothing internal can leak even if a mapper were to
 * return more. Where the schema translates to plain JSON Schema (objects, arrays, scalars, nullable),
 * fast-json-stringify (Fastify's own serializer) compiles a writer for it; a union of objects picks its
 * member by the keys the value has (`unionWriter`); otherwise (other unions, records) `projector`
 * copies the listed fields and JSON.stringify writes the copy. A compiled writer matters:
 * the projector's generic closures are shared by every schema, so in a running app their property
 * accesses go megamorphic and it cost 1.5-2 ms per 50-lead page (BENCHMARKS.md, 2026-11-23).
 * With `checkResponses` (on in the test app, LEADWERK_CHECK_RESPONSES elsewhere) each response is
 * also zod-encoded as before, and the two must be the same JSON (the same members and values; the
 * member order may differ, as fast-json-stringify writes required members first), so every API test
 * checks both the contract and that the fast path writes the same data.
 */

import { isDeepStrictEqual } from "node:util";
import fastJsonStringify, { type Schema as JsonSchema } from "fast-json-stringify";
import type { FastifyInstance } from "fastify";
import { serializerCompiler as zodSerializerCompiler } from "fastify-type-provider-zod";
import { type ZodType, z } from "zod";

type Project = (value: unknown) => unknown;

interface Def {
  type: string;
  shape?: Record<string, ZodType>;
  catchall?: ZodType;
  element?: ZodType;
  innerType?: ZodType;
  checks?: { _zod: { def: { check: string } } }[];
}

const defOf = (schema: ZodType) => schema._zod.def as unknown as Def;

/** Types whose zod encode returns the value unchanged once it is valid. */
const PLAIN = new Set(["string", "number", "boolean", "enum", "literal", "null"]);

/**
 * A function that returns what `z.encode(schema, value)` returns for a valid value, without the
 * checks: objects keep the listed keys in schema order, arrays are mapped, plain values are kept.
 * Anything else (unions, records, loose or strict objects, defaults, pipes …) is left to zod itself.
 */
export function projector(schema: ZodType, seen = new WeakMap<ZodType, Project>()): Project {
  // A recursive schema (an object with a getter for its own children) refers back to itself.
  const known = seen.get(schema);
  if (known) return known;
  let built: Project | undefined;
  seen.set(schema, (value) => (built as Project)(value));
  built = buildProjector(schema, seen);
  return built;
}

function buildProjector(schema: ZodType, seen: WeakMap<ZodType, Project>): Project {
  const def = defOf(schema);
  const byZod: Project = (value) => z.encode(schema, value);
  switch (def.type) {
    case "object": {
      if (def.catchall || !def.shape) return byZod;
      const keys = Object.keys(def.shape);
      const projects = Object.values(def.shape).map((field) => projector(field, seen));
      return (value) => {
        if (typeof value !== "object" || value === null || Array.isArray(value)) return byZod(value);
        const source = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i] as string;
          if (key in source) out[key] = (projects[i] as Project)(source[key]);
        }
        return out;
      };
    }
    case "array": {
      if (!def.element || def.checks?.length) return byZod;
      const project = projector(def.element, seen);
      return (value) => (Array.isArray(value) ? value.map(project) : byZod(value));
    }
    case "nullable":
    case "optional": {
      if (!def.innerType) return byZod;
      const project = projector(def.innerType, seen);
      const empty = def.type === "nullable" ? null : undefined;
      return (value) => (value === empty ? value : project(value));
    }
    default:
      // Overwrite checks (trim, toLowerCase …) change values even when encoding.
      if (PLAIN.has(def.type) && !def.checks?.some((c) => c._zod.def.check === "overwrite"))
        return (value) => value;
      return byZod;
  }
}

/**
 * zod's JSON Schema for fast-json-stringify: `X | null` (zod writes anyOf [X, null]) becomes X with
 * `nullable`, and what only validates or fills in (format, pattern, default …) goes. Null when the
 * schema branches otherwise (unions, intersections) or has open objects (records): fast-json-stringify
 * would pick a branch by validating the value at run time, unlike zod, so those stay with the projector.
 */
const WRITER_KEYS = new Set([
  "type",
  "properties",
  "required",
  "items",
  "additionalProperties",
  "nullable",
  "enum",
  "const",
]);

/** A JSON Schema that allows any value (`z.unknown()`, perhaps with a description). */
const isAnyValue = (node: unknown) =>
  typeof node === "object" &&
  node !== null &&
  !Array.isArray(node) &&
  Object.keys(node).every((key) => key === "description");

function writerSchema(node: unknown): unknown {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return node;
  const source = node as Record<string, unknown>;
  const anyOf = source.anyOf;
  if (Array.isArray(anyOf)) {
    const rest = anyOf.filter((branch) => (branch as { type?: unknown }).type !== "null");
    if (anyOf.length !== 2 || rest.length !== 1) return null;
    const inner = writerSchema(rest[0]);
    return inner === null ? null : { ...(inner as object), nullable: true };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === "additionalProperties" && value !== false) {
      // A record of any values (a record's `customFields`): fast-json-stringify writes each member
      // with JSON.stringify, as zod leaves unknown values; a typed record stays with the projector.
      if (!isAnyValue(value)) return null;
      out.additionalProperties = {};
      continue;
    }
    if (!WRITER_KEYS.has(key)) {
      if (["oneOf", "allOf", "not", "if", "$ref", "patternProperties", "prefixItems"].includes(key))
        return null;
      continue;
    }
    if (key === "properties") {
      const properties: Record<string, unknown> = {};
      for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
        const written = writerSchema(child);
        if (written === null) return null;
        properties[name] = written;
      }
      out.properties = properties;
    } else if (key === "items") {
      const items = writerSchema(value);
      if (items === null) return null;
      out.items = items;
    } else out[key] = value;
  }
  return out;
}

/** A compiled writer for the schema, or null when it does not translate (see writerSchema). */
export function compiledWriter(schema: ZodType): ((value: unknown) => string) | null {
  let json: unknown;
  try {
    json = z.toJSONSchema(schema, { target: "draft-7", io: "output", unrepresentable: "throw" });
  } catch {
    return null;
  }
  const written = writerSchema(json);
  return written === null ? null : fastJsonStringify(written as JsonSchema);
}

/**
 * The keys a member of an object must have: those whose schema refuses `undefined` when encoding
 * (not optional, no default, not `z.unknown()`). Without one of them zod's encoding of the object fails.
 */
function requiredKeys(schema: ZodType): string[] {
  const shape = defOf(schema).shape ?? {};
  return Object.keys(shape).filter((key) => !z.safeEncode(shape[key] as ZodType, undefined).success);
}

/**
 * A writer for a union of objects (a list route's answer: the list page or, with `updatedSince`, the
 * sync page, issue #22), or null when the schema is no such union. zod encodes a union with the first
 * member the value is valid for; a value that has the required keys of exactly one member can only be
 * valid for that one, so that member's writer (compiled, or projector) writes it: zod would write the
 * same. A value that has the keys of several members, or of none, is left to zod. A list page went
 * through zod whole before this (a tenth of a list request's CPU, BENCHMARKS.md 2026-12-07 h-cpu13).
 */
export function unionWriter(schema: ZodType): ((value: unknown) => string) | null {
  const def = schema._zod.def as unknown as { type: string; options?: ZodType[] };
  if (def.type !== "union" || !def.options?.length) return null;
  const members = def.options.map((option) => {
    const optionDef = defOf(option);
    if (optionDef.type !== "object" || optionDef.catchall || !optionDef.shape) return null;
    const project = projector(option);
    return {
      required: requiredKeys(option),
      write: compiledWriter(option) ?? ((value: unknown) => JSON.stringify(project(value))),
    };
  });
  if (members.some((member) => member === null)) return null;
  const byZod = (value: unknown) => JSON.stringify(z.encode(schema, value));
  const candidates = members as { required: string[]; write: (value: unknown) => string }[];
  return (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return byZod(value);
    let only: ((value: unknown) => string) | null = null;
    for (const member of candidates) {
      if (!member.required.every((key) => key in value)) continue;
      if (only) return byZod(value);
      only = member.write;
    }
    return only ? only(value) : byZod(value);
  };
}

/** A response schema as fastify-type-provider-zod accepts it: the zod schema or `{ properties: zod }`. */
function zodSchemaOf(schema: unknown): ZodType | null {
  if (schema instanceof z.ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  return properties instanceof z.ZodType ? properties : null;
}

type SerializerCompiler = Parameters<FastifyInstance["setSerializerCompiler"]>[0];

/**
 * A long body goes out as UTF-8 bytes. Given a string, Fastify measures its UTF-8 length for
 * Content-Length (Buffer.byteLength walks all of it: about 0.5 ms for a 50-lead page with umlauts)
 * and Node encodes it again when writing; encoding once is half the work. Fastify sends a Buffer a
 * serializer returns as it is (reply.js onSendEnd), though its types only name strings.
 */
const AS_BYTES_FROM = 8 * 1024;
const body = (json: string): string =>
  json.length < AS_BYTES_FROM ? json : (Buffer.from(json) as unknown as string);

/** Fast: the schema's fields only, no checks. Checked: zod as well, and both must write the same JSON. */
export function responseSerializerCompiler(options: { check: boolean }): SerializerCompiler {
  return (route) => {
    const zodSerialize = zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
    const schema = zodSchemaOf(route.schema);
    if (!schema) return zodSerialize;
    // Compiled on the route's first response, not at start: about 10 ms for a large schema, which
    // every test app would otherwise pay for all of its routes.
    let writer: ((data: unknown) => string) | undefined;
    const writerFor = (): ((data: unknown) => string) => {
      const compiled = compiledWriter(schema) ?? unionWriter(schema);
      if (compiled) return compiled;
      const project = projector(schema);
      return (data) => JSON.stringify(project(data));
    };
    const fast = (data: unknown) => {
      writer ??= writerFor();
      return writer(data);
    };
    if (!options.check) return (data: unknown) => body(fast(data));
    return (data: unknown) => {
      const checked = zodSerialize(data);
      const written = fast(data);
      if (written !== checked && !isDeepStrictEqual(JSON.parse(written), JSON.parse(checked)))
        throw new Error(
          `${route.method} ${route.url}: the fast response serializer differs from zod's encoding\n` +
            `zod:  ${checked.slice(0, 500)}\nfast: ${written.slice(0, 500)}`,
        );
      return body(written);
    };
  };
}
