/**
 * How responses are written. fastify-type-provider-zod encodes every response with zod (checks every
 * string format, enum and number of every row: about a fifth of a list request's CPU). In production
 * we instead copy exactly the fields the response schema lists (`projector`) and JSON.stringify the
 * copy: a field a schema does not list is dropped, as zod drops it, so nothing internal can leak even
 * if a mapper were to return more. With `checkResponses` (on in the test app, LEADWERK_CHECK_RESPONSES
 * elsewhere) each response is also zod-encoded as before, and the two JSON texts must be identical,
 * so every API test checks both the contract and that the fast path writes the same bytes.
 */
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

/** A response schema as fastify-type-provider-zod accepts it: the zod schema or `{ properties: zod }`. */
function zodSchemaOf(schema: unknown): ZodType | null {
  if (schema instanceof z.ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  return properties instanceof z.ZodType ? properties : null;
}

type SerializerCompiler = Parameters<FastifyInstance["setSerializerCompiler"]>[0];

/** Fast: the schema's fields only, no checks. Checked: zod as well, and both must write the same JSON. */
export function responseSerializerCompiler(options: { check: boolean }): SerializerCompiler {
  return (route) => {
    const zodSerialize = zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
    const schema = zodSchemaOf(route.schema);
    if (!schema) return zodSerialize;
    const project = projector(schema);
    const fast = (data: unknown) => JSON.stringify(project(data));
    if (!options.check) return fast;
    return (data: unknown) => {
      const checked = zodSerialize(data);
      const written = fast(data);
      if (written !== checked)
        throw new Error(
          `${route.method} ${route.url}: the fast response serializer differs from zod's encoding\n` +
            `zod:  ${checked.slice(0, 500)}\nfast: ${written.slice(0, 500)}`,
        );
      return written;
    };
  };
}
