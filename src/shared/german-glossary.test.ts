import de from "@web/i18n/de.json";
import { describe, expect, it } from "vitest";

/**
 * One word per thing in German (issue #15 point 9), as PRODUCT.md's glossary names them: the word a
 * German user reads for a thing, and the synonyms that would make them wonder whether it is another
 * thing. Matches are whole words (a hyphenated compound such as "Lead-Quelle" counts, "Leadwerk"
 * does not); the server's German messages are the catalogue's `serverErrors`.
 */
const GLOSSARY: { preferred: string; rejected: string[] }[] = [
  { preferred: "Interessent", rejected: ["Lead", "Leads"] },
  { preferred: "Schlagwort, Schlagwörter", rejected: ["Tags"] },
  { preferred: "Firma", rejected: ["Unternehmen", "Organisation", "Organisationen"] },
  { preferred: "Deal", rejected: ["Chance", "Chancen", "Verkaufschance", "Verkaufschancen", "Opportunity"] },
  { preferred: "Aufgabe", rejected: ["Task", "Tasks"] },
  { preferred: "Termin", rejected: ["Meeting", "Meetings", "Besprechung", "Besprechungen"] },
  { preferred: "Verantwortlich", rejected: ["zuständig\\p{L}*", "Zuständig\\p{L}*", "Besitzer", "Inhaber"] },
  { preferred: "Phase", rejected: ["Stage", "Stages"] },
  { preferred: "Angebot", rejected: ["Offerte", "Offerten"] },
  { preferred: "E-Mail", rejected: ["Email", "Emails"] },
];

const wordPattern = (word: string) => new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, "u");

function* texts(node: unknown, path: string): Generator<[string, string]> {
  if (typeof node === "string") yield [path, node];
  else if (node && typeof node === "object")
    for (const [key, value] of Object.entries(node)) yield* texts(value, path ? `${path}.${key}` : key);
}

/** Each text that uses a rejected word, as "key: word (say preferred)". */
function offences(catalogue: unknown): string[] {
  const found: string[] = [];
  for (const [key, text] of texts(catalogue, ""))
    for (const { preferred, rejected } of GLOSSARY)
      for (const word of rejected) {
        const match = wordPattern(word).exec(text);
        if (match) found.push(`${key}: "${match[0]}" (say ${preferred})`);
      }
  return found;
}

describe("the German glossary", () => {
  it("finds a rejected word as a whole word or compound part, not inside another word", () => {
    expect(
      offences({ a: "Neuer Lead", b: { c: "Lead-Quelle" }, d: "Leadwerk", e: "1 Tag", f: "Zuständigkeit" }),
    ).toEqual([
      'a: "Lead" (say Interessent)',
      'b.c: "Lead" (say Interessent)',
      'f: "Zuständigkeit" (say Verantwortlich)',
    ]);
  });

  it("the German catalogue uses one word per thing", () => {
    expect(offences(de)).toEqual([]);
  });
});
