import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONTACT_MERGE_FIELDS } from "./contact-fields";
import {
  type ContactMergeChoices,
  type DealContactLink,
  type MergeableContact,
  planContactMerge,
  planDealContactMoves,
} from "./contact-merge";

const points = (...values: string[]) =>
  fc.uniqueArray(
    fc.record({ value: fc.constantFrom(...values), type: fc.constant("work"), primary: fc.boolean() }),
    {
      selector: (p) => p.value,
      maxLength: 3,
    },
  );
const maybe = (arb: fc.Arbitrary<string>) => fc.option(arb, { nil: null });

const contact: fc.Arbitrary<MergeableContact> = fc.record({
  salutation: maybe(fc.constantFrom("Herr", "Frau")),
  title: maybe(fc.constantFrom("Dr.", "Prof.")),
  firstName: maybe(fc.string({ minLength: 1, maxLength: 5 })),
  lastName: fc.string({ minLength: 1, maxLength: 8 }),
  companyId: maybe(fc.uuid()),
  jobTitle: maybe(fc.string({ maxLength: 5 })),
  department: maybe(fc.string({ maxLength: 5 })),
  birthday: maybe(fc.constantFrom("1980-01-01", "1975-12-24")),
  leadSource: maybe(fc.constantFrom("referral", "trade_show")),
  ownerId: maybe(fc.uuid()),
  description: maybe(fc.string({ maxLength: 10 })),
  marketingConsent: fc.record({
    given: fc.boolean(),
    source: maybe(fc.string({ maxLength: 5 })),
    at: maybe(fc.constant("2026-01-01T00:00:00.000Z")),
  }),
  emails: points("a@x.de", "b@x.de", "c@y.com"),
  phones: points("+49 30 1", "+49 30 2", "+43 1 3"),
  addresses: fc.array(fc.record({ type: fc.constant("other"), city: fc.constantFrom("Berlin", "Wien") }), {
    maxLength: 2,
  }),
  tags: fc.uniqueArray(fc.constantFrom("a", "b", "c"), { maxLength: 3 }),
});
const choices: fc.Arbitrary<ContactMergeChoices> = fc.record(
  Object.fromEntries(
    CONTACT_MERGE_FIELDS.map((f) => [f, fc.constantFrom("survivor" as const, "loser" as const)]),
  ),
  { requiredKeys: [] },
);

describe("planContactMerge", () => {
  it("takes every chosen scalar value from the chosen side", () => {
    fc.assert(
      fc.property(contact, contact, choices, (survivor, loser, picked) => {
        const merged = planContactMerge(survivor, loser, picked);
        for (const field of [
          "salutation",
          "title",
          "firstName",
          "companyId",
          "birthday",
          "ownerId",
        ] as const) {
          const choice = picked[field];
          if (choice) expect(merged[field]).toBe(choice === "loser" ? loser[field] : survivor[field]);
        }
        if (picked.marketingConsent === "loser")
          expect(merged.marketingConsent).toEqual(loser.marketingConsent);
      }),
    );
  });

  it("fills a field nobody chose from the loser only where the survivor has nothing", () => {
    const survivor = { ...emptyContact(), lastName: "Müller", department: "Einkauf" };
    const loser = { ...emptyContact(), lastName: "Mueller", department: "Vertrieb", jobTitle: "CEO" };
    const merged = planContactMerge(survivor, loser, {});
    expect(merged).toMatchObject({ lastName: "Müller", department: "Einkauf", jobTitle: "CEO" });
  });

  it("keeps every email, phone, address and tag of both sides, with exactly one primary", () => {
    fc.assert(
      fc.property(contact, contact, choices, (survivor, loser, picked) => {
        const merged = planContactMerge(survivor, loser, picked);
        for (const list of ["emails", "phones"] as const) {
          const values = merged[list].map((p) => p.value);
          expect(new Set(values).size).toBe(values.length);
          for (const p of [...survivor[list], ...loser[list]]) expect(values).toContain(p.value);
          if (values.length > 0) expect(merged[list].filter((p) => p.primary)).toHaveLength(1);
        }
        expect(merged.addresses.length).toBeGreaterThanOrEqual(
          new Set(survivor.addresses.map((a) => JSON.stringify(a))).size,
        );
        for (const tag of [...survivor.tags, ...loser.tags]) expect(merged.tags).toContain(tag);
      }),
    );
  });

  it("makes the chosen side's primary email the primary one", () => {
    const survivor = { ...emptyContact(), emails: [{ value: "s@x.de", type: "work", primary: true }] };
    const loser = { ...emptyContact(), emails: [{ value: "l@x.de", type: "work", primary: true }] };
    const merged = planContactMerge(survivor, loser, { emails: "loser" });
    expect(merged.emails).toEqual([
      { value: "l@x.de", type: "work", primary: true },
      { value: "s@x.de", type: "work", primary: false },
    ]);
  });
});

describe("planDealContactMoves", () => {
  const S = "survivor";
  const L = "loser";
  const links = fc.uniqueArray(
    fc.record({
      dealId: fc.constantFrom("d1", "d2", "d3", "d4"),
      contactId: fc.constantFrom(S, L, "other"),
      isPrimary: fc.boolean(),
    }),
    { selector: (l) => `${l.dealId}/${l.contactId}` },
  );

  /** What the table holds after the plan is carried out, as the repository does it. */
  function apply(rows: DealContactLink[]) {
    const plan = planDealContactMoves(rows, S, L);
    return rows
      .filter((r) => !(r.contactId === L && plan.drop.includes(r.dealId)))
      .map((r) => (r.contactId === L && plan.repoint.includes(r.dealId) ? { ...r, contactId: S } : r))
      .map((r) => (r.contactId === S && plan.makePrimary.includes(r.dealId) ? { ...r, isPrimary: true } : r));
  }

  it("leaves no link at the loser, no duplicate key, and every deal of either side at the survivor", () => {
    fc.assert(
      fc.property(links, (rows) => {
        const after = apply(rows);
        expect(after.some((r) => r.contactId === L)).toBe(false);
        const keys = after.map((r) => `${r.dealId}/${r.contactId}`);
        expect(new Set(keys).size).toBe(keys.length);
        const touched = new Set(rows.filter((r) => r.contactId !== "other").map((r) => r.dealId));
        for (const deal of touched)
          expect(after.some((r) => r.dealId === deal && r.contactId === S)).toBe(true);
        const wasPrimary = rows.filter((r) => r.contactId !== "other" && r.isPrimary).map((r) => r.dealId);
        for (const deal of wasPrimary)
          expect(after.find((r) => r.dealId === deal && r.contactId === S)?.isPrimary).toBe(true);
      }),
    );
  });
});

function emptyContact(): MergeableContact {
  return {
    salutation: null,
    title: null,
    firstName: null,
    lastName: "X",
    companyId: null,
    jobTitle: null,
    department: null,
    birthday: null,
    leadSource: null,
    ownerId: null,
    description: null,
    marketingConsent: { given: false, source: null, at: null },
    emails: [],
    phones: [],
    addresses: [],
    tags: [],
  };
}
