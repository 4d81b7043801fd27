import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import de from "@web/i18n/de.json";
import en from "@web/i18n/en.json";
import { describe, expect, it } from "vitest";
import {
  codeOfIssue,
  ISSUE_CODES,
  MESSAGE_CODES,
  MESSAGE_TEMPLATES,
  messageCodeOf,
  REQUEST_CODES,
} from "./message-codes";

const ROOT = path.resolve(import.meta.dirname, "../..");

// ---- finding the sentences the server sends, in the source ----

interface Found {
  where: string;
  /** The sentence; each `${…}` of a template literal is written `{}`. */
  text: string;
  templated: boolean;
}

/** Reads a string or template literal starting at `i`; returns its text and the index after it. */
function readLiteral(src: string, i: number): { text: string; end: number; templated: boolean } {
  const quote = src[i];
  let text = "";
  let templated = false;
  let j = i + 1;
  while (j < src.length && src[j] !== quote) {
    if (src[j] === "\\") {
      text += src[j + 1] ?? "";
      j += 2;
    } else if (quote === "`" && src.startsWith("${", j)) {
      j = skipBalanced(src, j + 1);
      text += "{}";
      templated = true;
    } else {
      text += src[j];
      j += 1;
    }
  }
  return { text, end: j + 1, templated };
}

/** From an opening bracket at `i`, the index after its partner (strings and templates skipped). */
function skipBalanced(src: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < src.length) {
    const c = src[j] ?? "";
    if (c === '"' || c === "'" || c === "`") {
      j = readLiteral(src, j).end;
      continue;
    }
    if ("([{".includes(c)) depth += 1;
    if (")]}".includes(c)) {
      depth -= 1;
      if (depth === 0) return j + 1;
    }
    j += 1;
  }
  return j;
}

/** The source with comments blanked out (so documentation mentioning `fieldError(` is not read). */
function withoutComments(src: string): string {
  let out = "";
  let j = 0;
  while (j < src.length) {
    const c = src[j] ?? "";
    if (c === '"' || c === "'" || c === "`") {
      const { end } = readLiteral(src, j);
      out += src.slice(j, end);
      j = end;
    } else if (src.startsWith("//", j)) {
      while (j < src.length && src[j] !== "\n") j += 1;
    } else if (src.startsWith("/*", j)) {
      const end = src.indexOf("*/", j + 2);
      out += src.slice(j, end + 2).replace(/[^\n]/g, " ");
      j = end + 2;
    } else {
      out += c;
      j += 1;
    }
  }
  return out;
}

/** The source without `.describe("…")` texts: they document the API, nobody is shown them as an error. */
function withoutDescriptions(src: string): string {
  let out = src;
  for (let at = out.indexOf(".describe("); at >= 0; at = out.indexOf(".describe(", at + 1)) {
    const end = skipBalanced(out, at + ".describe".length);
    out = out.slice(0, at) + out.slice(end);
  }
  return out;
}

/** The top-level pieces of a list from its opening bracket at `i`, split at commas. */
function splitList(src: string, i: number): string[] {
  const end = skipBalanced(src, i);
  const parts: string[] = [];
  let start = i + 1;
  let j = i + 1;
  while (j < end - 1) {
    const c = src[j] ?? "";
    if (c === '"' || c === "'" || c === "`") j = readLiteral(src, j).end;
    else if ("([{".includes(c)) j = skipBalanced(src, j);
    else {
      if (c === ",") {
        parts.push(src.slice(start, j));
        start = j + 1;
      }
      j += 1;
    }
  }
  parts.push(src.slice(start, end - 1));
  return parts.map((p) => p.trim());
}

/** A property's value from the index after its colon up to the next top-level comma or closing bracket. */
function propertyValue(src: string, i: number): string {
  let j = i;
  while (j < src.length) {
    const c = src[j] ?? "";
    if (c === '"' || c === "'" || c === "`") j = readLiteral(src, j).end;
    else if ("([{".includes(c)) j = skipBalanced(src, j);
    else if (",)]};\n".includes(c)) break;
    else j += 1;
  }
  return src.slice(i, j);
}

/** The literals of an expression that read like a sentence (not `"status"` or `"invalid_type"`). */
function sentences(expression: string): { text: string; templated: boolean }[] {
  const found: { text: string; templated: boolean }[] = [];
  let j = 0;
  while (j < expression.length) {
    const c = expression[j] ?? "";
    if (c === '"' || c === "'" || c === "`") {
      const literal = readLiteral(expression, j);
      if (/^([A-Z"]|\{\})/.test(literal.text)) found.push(literal);
      j = literal.end;
    } else j += 1;
  }
  return found;
}

/** Calls whose argument at `index` is a sentence the user may read, and how it ends up worded. */
const CALLS: { pattern: RegExp; index: number; wording?: (text: string) => string }[] = [
  { pattern: /\bnew AppError\(/g, index: 1 },
  { pattern: /\bfieldError\(/g, index: 2 },
  { pattern: /\bnotFound\(/g, index: 0, wording: (what) => `${what} not found` },
  { pattern: /\bforbidden\(/g, index: 0 },
  { pattern: /\bsendProblem\(/g, index: 2 },
  { pattern: /\bfail\(/g, index: 1 },
  // zod checks with a message of ours
  { pattern: /\.(?:min|max|regex|refine|length)\(/g, index: 1 },
  { pattern: /\bz\.(?:email|url|string)\(/g, index: 0 },
];
const PROPERTIES = /\b(?:message|reason|problem):/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.endsWith(".d.ts"))
    .map((file) => path.join(folder, file));
}

function sentencesSent(): Found[] {
  const found: Found[] = [];
  for (const file of ["src/server", "src/domain", "src/shared"].flatMap(sourceFiles)) {
    const src = withoutDescriptions(withoutComments(readFileSync(path.join(ROOT, file), "utf8")));
    const lineOf = (index: number) => `${file}:${src.slice(0, index).split("\n").length}`;
    for (const { pattern, index, wording } of CALLS) {
      for (const match of src.matchAll(pattern)) {
        const argument = splitList(src, match.index + match[0].length - 1)[index] ?? "";
        for (const s of sentences(argument)) {
          found.push({ where: lineOf(match.index), ...s, text: wording ? wording(s.text) : s.text });
        }
      }
    }
    for (const match of src.matchAll(PROPERTIES)) {
      for (const s of sentences(propertyValue(src, match.index + match[0].length))) {
        found.push({ where: lineOf(match.index), ...s });
      }
    }
  }
  return found;
}

const shape = (template: string) => template.replace(/\{\w+\}/g, "{}");
const TEMPLATE_SHAPES = new Set(Object.keys(MESSAGE_TEMPLATES).map(shape));

describe("every sentence the server sends has a code", () => {
  const found = sentencesSent();

  it("finds the sentences at the throw sites (the scan itself works)", () => {
    const texts = found.map((f) => f.text);
    expect(texts).toContain("Wrong email or password");
    expect(texts).toContain("Lead not found");
    expect(texts).toContain("Someone changed this {} meanwhile; reload and try again");
    expect(texts).toContain("A sales-qualified lead needs all four BANT criteria met");
    expect(found.length).toBeGreaterThan(100);
  });

  it("codes each plain sentence from the table or a template", () => {
    const uncoded = found.filter((f) => !f.templated && !messageCodeOf(f.text));
    expect(uncoded.map((f) => `${f.where}: ${f.text}`)).toEqual([]);
  });

  it("has a template for each sentence built from values", () => {
    const uncoded = found.filter((f) => f.templated && !TEMPLATE_SHAPES.has(f.text));
    expect(uncoded.map((f) => `${f.where}: ${f.text}`)).toEqual([]);
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

const ALL_CODES = new Set<string>([
  ...Object.values(MESSAGE_CODES),
  ...Object.values(MESSAGE_TEMPLATES),
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
      for (const [template, code] of Object.entries(MESSAGE_TEMPLATES)) {
        const names = new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
        for (const text of textsOf(catalogue, code)) {
          for (const [, name] of text.matchAll(/\{\{(\w+)\}\}/g)) {
            if (!names.has(name)) wrong.push(`${code}: {{${name}}}`);
          }
        }
      }
      for (const code of Object.values(MESSAGE_CODES)) {
        for (const text of textsOf(catalogue, code)) {
          if (/\{\{/.test(text)) wrong.push(`${code} carries no values`);
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
