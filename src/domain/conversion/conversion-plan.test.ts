import { leadSchema } from "@shared/schemas/lead";
import { describe, expect, it } from "vitest";
import {
  conversionPrefill,
  dealAmountFor,
  dealTitleFor,
  firstStageOf,
  LEAD_FIELD_TARGETS,
} from "./conversion-plan";
import { conversionBlocker } from "./conversion-rules";

type Lead = Parameters<typeof conversionPrefill>[0];

const pipeline = {
  id: "00000000-0000-4000-8000-0000000000p1".replace("p", "a"),
  stages: [
    { id: "stage-2", position: 2 },
    { id: "stage-0", position: 0 },
    { id: "stage-1", position: 1 },
  ],
};

/** A lead with a distinct value in every field, so each can be traced to where it lands. */
function fullLead(overrides: Partial<Lead> = {}): Lead {
  return {
    id: "11111111-1111-4111-8111-111111111111",
    version: 3,
    externalId: null,
    status: "in_process",
    lifecycleStage: "sql",
    source: "trade_show",
    sourceDetail: "Hannover Messe 2026",
    salutation: "Frau",
    title: "Dr.",
    formality: "informal",
    firstName: "Jördis",
    lastName: "Müller",
    companyName: "Straßenbau Müller GmbH",
    jobTitle: "Einkaufsleitung",
    department: "Einkauf",
    email: "joerdis@strassenbau-mueller.de",
    phone: "030 1234567",
    mobile: "+49 171 2345678",
    website: "https://strassenbau-mueller.de",
    street: "Hauptstraße 1",
    postalCode: "10115",
    city: "Berlin",
    country: "DE",
    interest: "Fleet management for 40 trucks\nwith telematics",
    estimatedValue: { amount: "48000.00", currency: "EUR" },
    ownerId: "22222222-2222-4222-8222-222222222222",
    teamId: "33333333-3333-4333-8333-333333333333",
    contactId: null,
    companyId: null,
    bant: {
      budget: { state: "met", amount: "52000", currency: "CHF" },
      authority: { state: "met", detail: "Head of purchasing" },
      need: { state: "met", detail: "Replace spreadsheets" },
      timeline: { state: "met", date: "2027-03-31" },
    },
    bantQualified: true,
    score: 80,
    scoreReasons: [],
    tags: ["messe", "a-kunde"],
    customFields: {},
    lifecycleTimes: { mal: null, mql: null, sal: null, sql: null },
    assignedAt: null,
    lastActivityAt: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    convertedAt: null,
    convertedContactId: null,
    convertedCompanyId: null,
    convertedDealId: null,
    deadReason: null,
    abilities: { update: true, delete: true, convert: true },
    ...overrides,
  };
}

const at = (root: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], root);

/** Whether `needle` appears anywhere inside `value` (strings contain it, objects/arrays hold it). */
function holds(value: unknown, needle: unknown): boolean {
  if (typeof needle === "object" && needle !== null)
    return Object.values(needle).every((part) => part === null || holds(value, part));
  if (typeof value === "string") return typeof needle === "string" && value.includes(needle);
  if (Array.isArray(value)) return value.some((v) => holds(v, needle));
  if (typeof value === "object" && value !== null) return Object.values(value).some((v) => holds(v, needle));
  return value === needle;
}

describe("LEAD_FIELD_TARGETS", () => {
  it("places every field of the lead schema, so a new lead field fails until it is placed", () => {
    expect(Object.keys(LEAD_FIELD_TARGETS).sort()).toEqual(Object.keys(leadSchema.shape).sort());
  });

  it("carries each mapped field's value to every target it names", () => {
    const lead = fullLead();
    const plan = conversionPrefill(lead, pipeline);
    const checks = Object.entries(LEAD_FIELD_TARGETS).flatMap(([field, targets]) =>
      Array.isArray(targets) ? targets.map((target) => ({ field, target })) : [],
    );
    expect(checks.length).toBeGreaterThan(20);
    // Values that arrive transformed: the BANT parts, the interest's first line; the estimated value
    // counts only without a BANT budget.
    const BANT_PART: Record<string, unknown> = {
      "deal.amount": "52000",
      "deal.expectedCloseDate": "2027-03-31",
      "deal.description": "Replace spreadsheets",
    };
    const noBudget = conversionPrefill(
      fullLead({ bant: { ...lead.bant, budget: { state: "unknown" } } }),
      pipeline,
    );
    for (const { field, target } of checks) {
      let value: unknown = lead[field as keyof Lead];
      if (field === "bant") value = BANT_PART[target];
      if (field === "interest") value = "Fleet management for 40 trucks";
      const source = field === "estimatedValue" ? noBudget : plan;
      expect({ field, target, carried: holds(at(source, target), value) }).toEqual({
        field,
        target,
        carried: true,
      });
    }
  });
});

describe("conversionPrefill", () => {
  it("prefills the contact with typed emails and phones, one primary each", () => {
    const { contact } = conversionPrefill(fullLead(), pipeline);
    expect(contact).toMatchObject({
      salutation: "Frau",
      title: "Dr.",
      firstName: "Jördis",
      lastName: "Müller",
      jobTitle: "Einkaufsleitung",
      department: "Einkauf",
      emails: [{ value: "joerdis@strassenbau-mueller.de", type: "work", primary: true }],
      phones: [
        { value: "030 1234567", type: "work", primary: true },
        { value: "+49 171 2345678", type: "mobile", primary: false },
      ],
      addresses: [
        { type: "other", street: "Hauptstraße 1", postalCode: "10115", city: "Berlin", country: "DE" },
      ],
      leadSource: "trade_show",
      description: "Hannover Messe 2026",
      tags: ["messe", "a-kunde"],
    });
  });

  it("makes the mobile primary when there is no phone, and leaves out an empty address", () => {
    const { contact, company } = conversionPrefill(
      fullLead({ phone: null, street: null, postalCode: null, city: null, country: null }),
      pipeline,
    );
    expect(contact.phones).toEqual([{ value: "+49 171 2345678", type: "mobile", primary: true }]);
    expect(contact.addresses).toEqual([]);
    expect(company.billingAddress).toBeNull();
  });

  it("prefills the company with name, website, phone and address, owned by the lead owner", () => {
    const { company } = conversionPrefill(fullLead(), pipeline);
    expect(company).toEqual({
      name: "Straßenbau Müller GmbH",
      website: "https://strassenbau-mueller.de",
      phone: "030 1234567",
      billingAddress: { street: "Hauptstraße 1", postalCode: "10115", city: "Berlin", country: "DE" },
      ownerId: "22222222-2222-4222-8222-222222222222",
    });
  });

  it("prefills the deal in the first stage of the pipeline, with the source lead", () => {
    const { deal } = conversionPrefill(fullLead(), pipeline);
    expect(deal).toMatchObject({
      title: "Straßenbau Müller GmbH – Fleet management for 40 trucks",
      amount: { amount: "52000", currency: "CHF" },
      pipelineId: pipeline.id,
      stageId: "stage-0",
      expectedCloseDate: "2027-03-31",
      ownerId: "22222222-2222-4222-8222-222222222222",
      sourceLeadId: "11111111-1111-4111-8111-111111111111",
    });
  });

  it("has no pipeline or stage when there is no pipeline yet", () => {
    const { deal } = conversionPrefill(fullLead(), null);
    expect(deal.pipelineId).toBeNull();
    expect(deal.stageId).toBeNull();
  });
});

describe("dealAmountFor", () => {
  it("takes the BANT budget, else the estimated value, else nothing", () => {
    expect(dealAmountFor(fullLead())).toEqual({ amount: "52000", currency: "CHF" });
    const noBudget = fullLead({ bant: { ...fullLead().bant, budget: { state: "unknown" } } });
    expect(dealAmountFor(noBudget)).toEqual({ amount: "48000.00", currency: "EUR" });
    expect(dealAmountFor({ ...noBudget, estimatedValue: null })).toBeNull();
  });
});

describe("dealTitleFor", () => {
  it("uses the person's name without a company and stays within 200 characters", () => {
    expect(dealTitleFor(fullLead({ companyName: null }))).toBe(
      "Jördis Müller – Fleet management for 40 trucks",
    );
    const long = dealTitleFor(fullLead({ interest: "word ".repeat(100) }));
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith("…")).toBe(true);
    expect(
      dealTitleFor(
        fullLead({ companyName: null, firstName: null, lastName: null, email: null, interest: null }),
      ),
    ).toBe("Deal");
  });
});

describe("firstStageOf", () => {
  it("is the stage with the lowest position", () => {
    expect(firstStageOf(pipeline)).toBe("stage-0");
    expect(firstStageOf({ id: "p", stages: [] })).toBeNull();
  });
});

describe("conversionBlocker", () => {
  it("allows open and reopened leads, refuses converted and closed ones", () => {
    for (const status of ["new", "assigned", "in_process", "recycled"]) {
      expect(conversionBlocker({ status })).toBeNull();
    }
    expect(conversionBlocker({ status: "converted" })).toBe("already_converted");
    expect(conversionBlocker({ status: "dead" })).toBe("closed");
  });
});
