import de from "@web/i18n/de.json";
import en from "@web/i18n/en.json";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  codeOfIssue,
  ISSUE_CODES,
  MESSAGES,
  type MessageCode,
  type MessageKey,
  message,
  messageCodeOf,
  msg,
  REQUEST_CODES,
} from "./message-codes";

describe("message", () => {
  it("words a sentence of the catalogue and names its code", () => {
    expect(message("login_failed")).toEqual({ text: "Wrong email or password", code: "login_failed" });
    expect(msg("phone_invalid")).toBe("Not a valid phone number");
  });

  it("fills in the values and sends them as params, as given", () => {
    expect(message("lead_status_transition", { from: "in_process", to: "new" })).toEqual({
      text: "A lead cannot go from in_process to new",
      code: "lead_status_transition",
      params: { from: "in_process", to: "new" },
    });
    expect(message("pipeline_has_deals", { count: 3 })).toEqual({
      text: "This pipeline still holds 3 deal(s); move or delete them first",
      code: "pipeline_has_deals",
      params: { count: 3 },
    });
  });

  it("sends a second wording under the code of the first", () => {
    expect(message("cursor_invalid:field")).toEqual({ text: "Invalid cursor", code: "cursor_invalid" });
  });

  it("makes an unknown code or a missing value a compile error", () => {
    expectTypeOf<"lead_status_transition">().toExtend<MessageKey>();
    expectTypeOf<"cursor_invalid:field">().toExtend<MessageKey>();
    expectTypeOf<"no_such_code">().not.toExtend<MessageKey>();
    expectTypeOf<"cursor_invalid">().toExtend<MessageCode>();
    expectTypeOf<"cursor_invalid:field">().not.toExtend<MessageCode>();
    // @ts-expect-error: not a code of the catalogue (npm run typecheck fails when this compiles)
    expect(() => message("lead_converted_read_only_typo")).toThrow(/No message/);
    // @ts-expect-error: the sentence needs its values
    expect(message("views_limit").text).toBe("At most  views per list");
    // @ts-expect-error: a sentence without values takes none
    expect(msg("login_failed", { count: 1 })).toBe("Wrong email or password");
  });
});

describe("messageCodeOf", () => {
  it("codes a sentence of the table without params", () => {
    expect(messageCodeOf("Wrong email or password")).toEqual({ code: "login_failed" });
  });

  it("reads the values of a templated sentence into params, numbers as numbers", () => {
    expect(messageCodeOf("Someone changed this lead meanwhile; reload and try again")).toEqual({
      code: "record_changed",
      params: { record: "lead" },
    });
    expect(
      messageCodeOf('Stage "Won (big)" holds 12 deal(s): say which remaining stage receives them'),
    ).toEqual({ code: "stage_has_deals", params: { stage: "Won (big)", count: 12 } });
    expect(messageCodeOf("A lead cannot go from in_process to new")).toEqual({
      code: "lead_status_transition",
      params: { from: "in_process", to: "new" },
    });
  });

  it("prefers the table to a template", () => {
    expect(messageCodeOf("Contact not found")).toEqual({ code: "contact_not_found" });
    expect(messageCodeOf("Quote not found")).toEqual({ code: "not_found", params: { record: "Quote" } });
  });

  it("has no code for a sentence it does not know", () => {
    expect(messageCodeOf("Something nobody wrote")).toBeUndefined();
  });
});

// ---- every code has its German and English text ----

type Catalogue = Record<string, unknown>;
const catalogues = { de: de.serverErrors as Catalogue, en: en.serverErrors as Catalogue };

/** The texts of a code: one, or its plural forms when the sentence carries a count. */
const textsOf = (catalogue: Catalogue, code: string): string[] =>
  [code, `${code}_one`, `${code}_other`]
    .map((key) => catalogue[key])
    .filter((text): text is string => typeof text === "string");

const codeOf = (key: string) => key.split(":")[0] ?? key;

const ALL_CODES = new Set<string>([
  ...Object.keys(MESSAGES).map(codeOf),
  ...ISSUE_CODES,
  ...Object.values(REQUEST_CODES),
]);

describe("serverErrors in the catalogues", () => {
  for (const [language, catalogue] of Object.entries(catalogues)) {
    it(`has a ${language} text for every code`, () => {
      const missing = [...ALL_CODES].filter((code) => textsOf(catalogue, code).length === 0);
      expect(missing).toEqual([]);
    });

    it(`uses in the ${language} texts only values the sentence carries`, () => {
      const wrong: string[] = [];
      // Each wording of a code must carry the values its text uses.
      for (const [key, template] of Object.entries(MESSAGES)) {
        const names = new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
        for (const text of textsOf(catalogue, codeOf(key))) {
          for (const [, name] of text.matchAll(/\{\{(\w+)\}\}/g)) {
            if (!names.has(name)) wrong.push(`${key}: {{${name}}}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it("gives every code of a zod issue a code the catalogues know", () => {
    const issues = [
      codeOfIssue({ keyword: "too_small", params: { origin: "string", minimum: 3 } }),
      codeOfIssue({ keyword: "too_big", params: { origin: "array", maximum: 3 } }),
      codeOfIssue({ keyword: "invalid_format", params: { format: "uuid" } }),
      codeOfIssue({ keyword: "something_new" }),
    ];
    for (const { code } of issues) expect(ISSUE_CODES).toContain(code);
  });
});
