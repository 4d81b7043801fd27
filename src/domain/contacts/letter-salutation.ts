/**
 * The letter salutation (Briefanrede) a person's salutation, title and Sie/Du choice produce
 * (issue #20 point 4): "Sehr geehrte Frau Dr. Müller", "Guten Tag Alex Meyer", "Hallo Anna"; in
 * English "Dear Dr Müller", "Dear Ms Müller", "Hi Anna". Pure: the contact page, the export and the
 * quote PDF all call it.
 */

/** Sie (formal) or Du (informal): how a person is addressed. */
export const FORMALITIES = ["formal", "informal"] as const;
export type Formality = (typeof FORMALITIES)[number];

export type SalutationLocale = "de" | "en";

export interface AddressedPerson {
  /** As typed: "Frau", "Herr", "Ms", "Mr", "Divers", … (free text; unknown words read as none). */
  salutation: string | null;
  /** Academic title as typed: "Dr.", "Prof. Dr.", "Dipl.-Ing." */
  title: string | null;
  firstName: string | null;
  lastName: string | null;
  formality: Formality;
}

type Gender = "female" | "male" | "none";

const FEMALE = new Set(["frau", "fr", "ms", "mrs", "miss", "madam"]);
const MALE = new Set(["herr", "hr", "mr", "sir"]);

function genderOf(salutation: string | null): Gender {
  const word = (salutation ?? "").trim().toLowerCase().replace(/\.$/, "");
  if (FEMALE.has(word)) return "female";
  if (MALE.has(word)) return "male";
  return "none";
}

/**
 * Only doctorates and professorships belong in a salutation (DIN 5008 and German letter custom):
 * "Prof. Dr." stays, "Dipl.-Ing." or "MBA" does not.
 */
function germanTitle(title: string | null): string | null {
  const kept = (title ?? "")
    .trim()
    .split(/\s+/)
    .filter((word) => /^(prof|dr)\b/i.test(word));
  return kept.length > 0 ? kept.join(" ") : null;
}

/** English letters name the highest title alone and without full stop: "Professor", "Dr". */
function englishTitle(title: string | null): string | null {
  const german = germanTitle(title);
  if (!german) return null;
  return /prof/i.test(german) ? "Professor" : "Dr";
}

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(" ");

function german(p: AddressedPerson, gender: Gender): string {
  const title = germanTitle(p.title);
  if (p.formality === "informal" && p.firstName) return `Hallo ${p.firstName}`;
  if (!p.lastName) return "Sehr geehrte Damen und Herren";
  if (gender === "female") return join("Sehr geehrte Frau", title, p.lastName);
  if (gender === "male") return join("Sehr geehrter Herr", title, p.lastName);
  return join("Guten Tag", title, p.firstName, p.lastName);
}

function english(p: AddressedPerson, gender: Gender): string {
  const title = englishTitle(p.title);
  if (p.formality === "informal" && p.firstName) return `Hi ${p.firstName}`;
  if (!p.lastName) return "Dear Sir or Madam";
  if (title) return join("Dear", title, p.lastName);
  if (gender === "female") {
    const typed = (p.salutation ?? "").trim().toLowerCase().replace(/\.$/, "");
    return join("Dear", typed === "mrs" ? "Mrs" : typed === "miss" ? "Miss" : "Ms", p.lastName);
  }
  if (gender === "male") return join("Dear", "Mr", p.lastName);
  return join("Dear", p.firstName, p.lastName);
}

/** The opening line of a letter to `person`, without the comma that follows it. */
export function letterSalutation(person: AddressedPerson, locale: SalutationLocale): string {
  const p = {
    ...person,
    firstName: person.firstName?.trim() || null,
    lastName: person.lastName?.trim() || null,
  };
  const gender = genderOf(p.salutation);
  return locale === "de" ? german(p, gender) : english(p, gender);
}
