import { type Lead, leadListItemSchema, leadSchema } from "@shared/schemas/lead";
import { listOrSyncPage } from "@shared/schemas/sync";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compiledWriter, responseSerializerCompiler, unionWriter } from "./response-serializer";

const route = (schema: z.ZodType) => ({ schema, method: "GET", url: "/x", httpStatus: "200" });
/** Long bodies come back as UTF-8 bytes (see `body` in the serializer); the tests read them as text. */
const text = (serialize: (data: unknown) => string) => (data: unknown) => String(serialize(data));
const fast = (schema: z.ZodType) => text(responseSerializerCompiler({ check: false })(route(schema)));
const checked = (schema: z.ZodType) => text(responseSerializerCompiler({ check: true })(route(schema)));

const lead: Lead = {
  id: "0b9f8a7e-5d4c-4b3a-9f8e-7d6c5b4a3f2e",
  version: 3,
  externalId: null,
  status: "assigned",
  lifecycleStage: "mql",
  source: "web_form",
  sourceDetail: null,
  salutation: "Frau",
  title: null,
  formality: "formal",
  firstName: "Jördis",
  lastName: "Müller-Lüdenscheidt",
  companyName: 'Müller "&" Söhne <GmbH>',
  jobTitle: null,
  department: null,
  email: "j.mueller@example.de",
  phone: "+49 30 1234567",
  mobile: null,
  website: null,
  street: null,
  postalCode: null,
  city: "Köln",
  country: "DE",
  interest: "Zeile 1\nZeile 2 \u2028",
  estimatedValue: { amount: "5000.50", currency: "EUR" },
  ownerId: "1b9f8a7e-5d4c-4b3a-9f8e-7d6c5b4a3f2e",
  teamId: null,
  contactId: null,
  companyId: null,
  bant: {
    budget: { state: "met", amount: "5000", currency: "EUR" },
    authority: { state: "unknown", detail: null },
    need: { state: "not_met", detail: "mehr Leads" },
    timeline: { state: "unknown", date: null },
  },
  bantQualified: false,
  score: 40,
  scoreReasons: [{ ruleId: "r1", kind: "source", subject: "web_form", points: 10 }],
  tags: ["messe", "2026"],
  customFields: {},
  lifecycleTimes: { mal: "2026-11-01T10:00:00.000Z", mql: "2026-11-02T10:00:00.000Z", sal: null, sql: null },
  assignedAt: "2026-11-02T10:00:00.000Z",
  lastActivityAt: null,
  createdAt: "2026-11-01T10:00:00.000Z",
  updatedAt: "2026-11-03T10:00:00.000Z",
  convertedAt: null,
  convertedContactId: null,
  convertedCompanyId: null,
  convertedDealId: null,
  deadReason: null,
  abilities: { update: true, delete: false, convert: true },
};

describe("the production response serializer", () => {
  it("compiles a writer for a lead with custom values of any type, writing them as zod does", () => {
    const schema = z.object({ data: z.array(leadSchema), nextCursor: z.string().nullable() });
    expect(compiledWriter(schema)).not.toBeNull();
    const customFields = {
      branche: "it",
      anzahl: 12.5,
      aktiv: true,
      themen: ["a"],
      budget: { amount: "1.00", currency: "EUR" },
    };
    const page = { data: [{ ...lead, customFields }], nextCursor: null };
    expect(JSON.parse(fast(schema)(page))).toEqual(JSON.parse(JSON.stringify(z.encode(schema, page))));
    expect(JSON.parse(fast(schema)(page)).data[0].customFields).toEqual(customFields);
  });

  it("writes a list page exactly as zod's encoding does", () => {
    const schema = z.object({ data: z.array(leadSchema), nextCursor: z.string().nullable() });
    const page = { data: [lead, { ...lead, estimatedValue: null }], nextCursor: "abc" };
    expect(fast(schema)(page)).toBe(JSON.stringify(z.encode(schema, page)));
    expect(checked(schema)(page)).toBe(fast(schema)(page));
  });

  it("never writes a field the response schema does not list, at any depth", () => {
    const schema = z.object({ data: z.array(leadSchema), nextCursor: z.string().nullable() });
    const leaky = {
      data: [{ ...lead, searchText: "secret", sortKey: "x", bant: { ...lead.bant, internal: 1 } }],
      nextCursor: null,
      total: 5,
    };
    const written = fast(schema)(leaky);
    expect(written).not.toMatch(/searchText|sortKey|internal|total/);
    expect(JSON.parse(written)).toEqual({ data: [lead], nextCursor: null });
  });

  it("leaves unions to zod, which picks the matching member", () => {
    const schema = z.object({
      item: z.union([z.object({ kind: z.literal("a"), a: z.number() }), z.object({ kind: z.literal("b") })]),
    });
    expect(JSON.parse(fast(schema)({ item: { kind: "a", a: 1, secret: 2 } }))).toEqual({
      item: { kind: "a", a: 1 },
    });
  });

  it("writes a list route's answer (list page or sync page) as zod picks and encodes its member", () => {
    const schema = listOrSyncPage(leadListItemSchema);
    expect(unionWriter(schema)).not.toBeNull();
    const item = { id: lead.id, version: 3, lastName: lead.lastName, city: "Köln" };
    const page = { data: [{ ...item, searchText: "secret" }], nextCursor: "abc" };
    expect(fast(schema)(page)).toBe(JSON.stringify(z.encode(schema, page)));
    expect(fast(schema)(page)).not.toMatch(/searchText/);
    expect(checked(schema)(page)).toBe(fast(schema)(page));
    // Both members' keys: zod decides (here the sync page, as the tombstone fits no list item).
    const sync = { data: [item, { id: lead.id, deleted: true as const }], nextCursor: "c", hasMore: false };
    expect(JSON.parse(fast(schema)(sync))).toEqual(z.encode(schema, sync));
    expect(JSON.parse(fast(schema)(sync)).hasMore).toBe(false);
  });

  it("handles a schema that contains itself", () => {
    const node = z.object({
      name: z.string(),
      get children(): z.ZodArray<typeof node> {
        return z.array(node);
      },
    });
    const tree = { name: "a", children: [{ name: "b", children: [], x: 1 }] };
    expect(fast(node)(tree)).toBe(JSON.stringify(z.encode(node, tree)));
  });

  it("writes optional members too, and the check accepts them in another order", () => {
    const schema = z.object({
      street: z.string().nullish(),
      city: z.string().optional(),
      type: z.enum(["a"]),
    });
    const value = { street: "Hauptstraße 1", type: "a" as const };
    expect(JSON.parse(fast(schema)(value))).toEqual(value);
    expect(JSON.parse(checked(schema)(value))).toEqual(value);
    expect(JSON.parse(fast(schema)({ type: "a", street: null, secret: 1 }))).toEqual({
      type: "a",
      street: null,
    });
  });

  it("hands a long body over as UTF-8 bytes and a short one as text", () => {
    const schema = z.object({ data: z.array(leadSchema), nextCursor: z.string().nullable() });
    const serialize = responseSerializerCompiler({ check: false })(route(schema));
    const long = serialize({ data: Array.from({ length: 20 }, () => lead), nextCursor: null }) as unknown;
    expect(Buffer.isBuffer(long)).toBe(true);
    expect(JSON.parse(String(long)).data[0].lastName).toBe("Müller-Lüdenscheidt");
    expect(typeof serialize({ data: [], nextCursor: null })).toBe("string");
  });

  it("with checks on, refuses a response that breaks its schema", () => {
    expect(() => checked(leadSchema)({ ...lead, status: "no_such_status" })).toThrow();
  });
});
