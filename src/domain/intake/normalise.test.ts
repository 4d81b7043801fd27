import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countryCodeOf, normaliseIntake } from "./normalise";
import { routeTeam } from "./routing";
import { normaliseVatId } from "./vat-id";

const DE = { region: "DE" };

describe("normaliseIntake", () => {
  it("trims and lower-cases the email, keeps the typed phone beside its E.164 form, reads the website's domain", () => {
    const result = normaliseIntake(
      {
        lastName: " Berg ",
        email: "  Anna.Berg@Example.COM ",
        phone: "030 / 123 45 67",
        website: "www.Berg.example/kontakt",
      },
      DE,
    );
    expect(result).toMatchObject({
      ok: true,
      row: {
        email: "anna.berg@example.com",
        phoneE164: "+49301234567",
        domain: "berg.example",
        values: { lastName: "Berg", phone: "030 / 123 45 67", website: "https://www.Berg.example/kontakt" },
      },
    });
  });

  it("reads a national number in the configured region", () => {
    const at = normaliseIntake({ lastName: "X", phone: "01 5123456" }, { region: "AT" });
    expect(at.ok && at.row.phoneE164).toBe("+4315123456");
  });

  it("names every field at fault and keeps no value of a control character", () => {
    const result = normaliseIntake(
      {
        email: "anna@",
        phone: "1",
        website: "nota domain",
        vatId: "DE1",
        lastName: "a\u0000b",
        utm: { utm_source: "x".repeat(201) },
      },
      DE,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual([
      "email",
      "lastName",
      "phone",
      "utm.utm_source",
      "vatId",
      "website",
    ]);
  });

  it("asks for someone to reach: a name, company, email or phone", () => {
    const result = normaliseIntake({ interest: "Hallo" }, DE);
    expect(result).toEqual({ ok: false, errors: [{ path: "lastName", code: "lead_who_required" }] });
  });

  it("is idempotent: a normalised row normalises to itself", () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.string({ maxLength: 40 }), (email, name) => {
        const first = normaliseIntake({ email, lastName: name }, DE);
        if (!first.ok) return;
        const again = normaliseIntake({ ...first.row.values }, DE);
        expect(again.ok && again.row.email).toBe(first.row.email);
        expect(again.ok && again.row.values).toEqual(first.row.values);
      }),
    );
  });

  it("never throws, whatever the strings", () => {
    fc.assert(
      fc.property(
        fc.record({
          email: fc.string(),
          phone: fc.string(),
          website: fc.string(),
          vatId: fc.string(),
          country: fc.string(),
        }),
        (input) => {
          const result = normaliseIntake(input, DE);
          expect(typeof result.ok).toBe("boolean");
        },
      ),
    );
  });
});

describe("normaliseVatId", () => {
  it.each([
    ["de 811 907 980", "DE811907980"],
    ["DE-811.907.980", "DE811907980"],
    ["atu12345678", "ATU12345678"],
    ["CHE-123.456.789 MWST", "CHE123456789MWST"],
    ["DE12345678", null],
    ["XX", null],
  ])("%s → %s", (typed, expected) => {
    expect(normaliseVatId(typed)).toBe(expected);
  });
});

describe("countryCodeOf", () => {
  it("reads codes and German or English names", () => {
    expect([
      countryCodeOf("de"),
      countryCodeOf("Deutschland"),
      countryCodeOf("Austria"),
      countryCodeOf("Narnia"),
    ]).toEqual(["DE", "DE", "AT", null]);
  });
});

describe("routeTeam", () => {
  const rules = [
    { teamId: "north", country: "DE", postalFrom: "20000", postalTo: "29999" },
    { teamId: "at", country: "AT" },
  ];
  it("prefers the channel's team, then the first matching rule", () => {
    expect(routeTeam({ countryCode: "DE", postalCode: "20095" }, rules, "form")).toBe("form");
    expect(routeTeam({ countryCode: "DE", postalCode: "20095" }, rules, null)).toBe("north");
    expect(routeTeam({ countryCode: "DE", postalCode: "80331" }, rules, null)).toBeNull();
    expect(routeTeam({ countryCode: "AT", postalCode: "1010" }, rules, null)).toBe("at");
  });
  it("compares postal codes of the range's width only", () => {
    expect(routeTeam({ countryCode: "DE", postalCode: "2009" }, rules, null)).toBeNull();
  });
  it("skips a rule switched off and tries the next", () => {
    const off = [
      { teamId: "off", country: "DE", enabled: false },
      { teamId: "on", country: "DE" },
    ];
    expect(routeTeam({ countryCode: "DE", postalCode: "20095" }, off, null)).toBe("on");
    expect(routeTeam({ countryCode: "DE", postalCode: "20095" }, off.slice(0, 1), null)).toBeNull();
  });
});
