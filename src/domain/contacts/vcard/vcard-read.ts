import { msg } from "@shared/message-codes";
import { NUL_MESSAGE, nulCharacterPath } from "@shared/nul-character";
import ICAL from "ical.js";
import { type CardLine, normalizeLine, type RawCard, splitCardSteps } from "./vcard-lines";
import { cardPhone, regionOf } from "./vcard-phones";

/** A contact as a card describes it, in the API's field names (validated by the caller). */
export interface CardContact {
  salutation?: string;
  title?: string;
  firstName?: string;
  lastName?: string;
  jobTitle?: string;
  department?: string;
  emails: { value: string; type: "work" | "private" | "other"; primary: boolean }[];
  phones: { value: string; type: "work" | "mobile" | "private" | "fax" | "other"; primary: boolean }[];
  addresses: {
    type: "private" | "other";
    street: string | null;
    postalCode: string | null;
    city: string | null;
    country: string | null;
  }[];
  birthday?: string;
  description?: string;
  tags?: string[];
}

export interface ReadCard {
  index: number;
  line: number;
  name: string | null;
  /** The organisation (ORG's first part): the caller links a company of that name. */
  organization: string | null;
  contact: CardContact | null;
  /** Line of the property behind each field path (`lastName`, `emails.1`, …) for error reports. */
  lines: Record<string, number>;
  /** Sentences of the catalogue (msg), which the importer reads back into their codes. */
  errors: { line: number; path: string; message: string }[];
  /** Read, but not quite as written (a phone number kept in the notes). */
  warnings: { line: number; message: string }[];
}

const SALUTATIONS = /^(herr|frau|mr\.?|mrs\.?|ms\.?|miss|mx\.?)$/i;

const typesOf = (prop: ICAL.Property): string[] => {
  const t = prop.getParameter("type");
  const list = Array.isArray(t) ? t : t ? [t] : [];
  return list.flatMap((v) => String(v).split(",")).map((v) => v.trim().toLowerCase());
};
const isPreferred = (prop: ICAL.Property) =>
  typesOf(prop).includes("pref") || prop.getParameter("pref") !== undefined;
/** ical.js leaves `\;` and `\:` of vCard 3.0 text escaped (Apple and Google write them). */
const text = (v: unknown): string =>
  (Array.isArray(v) ? v.map(text).filter(Boolean).join(" ") : v == null ? "" : String(v))
    .replace(/\\([;:])/g, "$1")
    .trim();
const parts = (prop: ICAL.Property): string[] => {
  const v = prop.getFirstValue();
  return Array.isArray(v) ? v.map(text) : [text(v)];
};
const orUndefined = (v: string | undefined) => (v ? v : undefined);

function phoneType(types: string[]): CardContact["phones"][number]["type"] {
  if (types.includes("fax")) return "fax";
  if (types.includes("cell") || types.includes("iphone") || types.includes("mobile")) return "mobile";
  if (types.includes("work")) return "work";
  if (types.includes("home")) return "private";
  return "other";
}
function emailType(types: string[]): CardContact["emails"][number]["type"] {
  if (types.includes("work")) return "work";
  if (types.includes("home")) return "private";
  return "other";
}

/** "1980-02-29", "19800229" or a date-time; a birthday without a year ("--0229") is not stored. */
function birthdayOf(value: string): string | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** ical.js on one card; when it fails, the first line that fails alone is the one to report. */
function parseCard(
  lines: CardLine[],
): { component: ICAL.Component; propertyLines: number[] } | { line: number; message: string } {
  const kept = lines
    .map((l) => ({ line: l.line, text: normalizeLine(l.text) }))
    .filter((l): l is { line: number; text: string } => l.text !== null);
  const wrap = (body: string[]) => `BEGIN:VCARD\r\n${body.join("\r\n")}\r\nEND:VCARD\r\n`;
  try {
    const component = new ICAL.Component(ICAL.parse(wrap(kept.map((l) => l.text))) as unknown as unknown[]);
    return { component, propertyLines: kept.map((l) => l.line) };
  } catch (error) {
    for (const l of kept) {
      try {
        ICAL.parse(wrap(["VERSION:3.0", l.text]));
      } catch (lineError) {
        return { line: l.line, message: (lineError as Error).message };
      }
    }
    return { line: kept[0]?.line ?? 0, message: (error as Error).message };
  }
}

function readOne(raw: RawCard): ReadCard {
  const card: ReadCard = {
    index: raw.index,
    line: raw.line,
    name: null,
    organization: null,
    contact: null,
    lines: {},
    errors: [],
    warnings: [],
  };
  if (raw.problem) {
    card.errors.push({ line: raw.problem.line, path: "", message: raw.problem.message });
    return card;
  }
  const parsed = parseCard(raw.lines);
  if ("message" in parsed) {
    card.errors.push({
      line: parsed.line,
      path: "",
      message: msg("vcard_unreadable_line", { detail: parsed.message }),
    });
    return card;
  }
  const props = parsed.component.getAllProperties();
  const propertyLine = new Map(props.map((prop, i) => [prop, parsed.propertyLines[i] ?? raw.line]));
  const lineOf = (prop: ICAL.Property) => propertyLine.get(prop) ?? raw.line;
  const contact: CardContact = { emails: [], phones: [], addresses: [] };
  const seen = (path: string, prop: ICAL.Property) => {
    card.lines[path] ??= lineOf(prop);
  };
  /** Phones as typed, with their line: checked once the card's country is known. */
  const typedPhones: (CardContact["phones"][number] & { line: number })[] = [];
  /** Countries the card names (Apple's X-ABADR, address countries), for reading national numbers. */
  const countries: string[] = [];
  /** Apple's country code of an address, by property group (`item1.ADR` + `item1.X-ABADR:us`). */
  const groupCountry = new Map<string, string>();
  const addressGroups: (string | undefined)[] = [];
  let note: string | undefined;
  let role: string | undefined;
  /** Text with no field of its own (web addresses), kept in the notes rather than dropped. */
  const extras: string[] = [];

  for (const prop of props) {
    switch (prop.name) {
      case "n": {
        const [family = "", given = "", additional = "", prefix = ""] = parts(prop);
        const prefixes = prefix.split(/\s+/).filter(Boolean);
        contact.lastName = orUndefined(family);
        contact.firstName = orUndefined([given, additional].filter(Boolean).join(" "));
        contact.salutation = orUndefined(prefixes.filter((p) => SALUTATIONS.test(p)).join(" "));
        contact.title = orUndefined(prefixes.filter((p) => !SALUTATIONS.test(p)).join(" "));
        for (const path of ["lastName", "firstName", "salutation", "title"]) seen(path, prop);
        break;
      }
      case "fn":
        // iPhone writes "FN: Kate  Bell": the spaces mean nothing.
        card.name = text(prop.getFirstValue()).replace(/\s+/g, " ") || null;
        seen("fn", prop);
        break;
      case "org": {
        const [org = "", unit = ""] = parts(prop);
        card.organization = org || null;
        contact.department = orUndefined(unit);
        seen("department", prop);
        break;
      }
      case "title":
        contact.jobTitle = orUndefined(text(prop.getFirstValue()));
        seen("jobTitle", prop);
        break;
      case "role":
        // The function within the organisation ("Kommunikation"): the department when ORG names none.
        role = orUndefined(text(prop.getFirstValue()));
        seen("role", prop);
        break;
      case "url": {
        const url = text(prop.getFirstValue());
        if (url) extras.push(`Web: ${url}`);
        break;
      }
      case "x-abadr": {
        const code = text(prop.getFirstValue());
        countries.unshift(code);
        const group = prop.getParameter("group");
        if (typeof group === "string" && code) groupCountry.set(group, code.toUpperCase());
        break;
      }
      case "email": {
        const value = text(prop.getFirstValue());
        if (!value) break;
        seen(`emails.${contact.emails.length}`, prop);
        contact.emails.push({ value, type: emailType(typesOf(prop)), primary: isPreferred(prop) });
        break;
      }
      case "tel": {
        const value = text(prop.getFirstValue()).replace(/^tel:/i, "");
        if (!value) break;
        typedPhones.push({
          value,
          type: phoneType(typesOf(prop)),
          primary: isPreferred(prop),
          line: lineOf(prop),
        });
        break;
      }
      case "adr": {
        const [, extended = "", street = "", city = "", region = "", postalCode = "", country = ""] =
          parts(prop);
        seen(`addresses.${contact.addresses.length}`, prop);
        contact.addresses.push({
          type: typesOf(prop).includes("home") ? "private" : "other",
          street: [street, extended].filter(Boolean).join(", ") || null,
          postalCode: postalCode || null,
          city: [city, region].filter(Boolean).join(", ") || null,
          country: country || null,
        });
        if (country) countries.push(country);
        const group = prop.getParameter("group");
        addressGroups.push(typeof group === "string" ? group : undefined);
        break;
      }
      case "bday": {
        const birthday = birthdayOf(text(prop.getFirstValue()));
        if (birthday) contact.birthday = birthday;
        seen("birthday", prop);
        break;
      }
      case "note":
        note = orUndefined(text(prop.getFirstValue()));
        seen("description", prop);
        break;
      case "categories":
        contact.tags = prop
          .getValues()
          .map(text)
          .filter(Boolean)
          .map((t) => t.slice(0, 50));
        seen("tags", prop);
        break;
      default:
        break;
    }
  }
  contact.addresses.forEach((address, i) => {
    const group = addressGroups[i];
    if (!address.country && group) address.country = groupCountry.get(group) ?? null;
  });
  const phoneRegion = regionOf(countries);
  for (const { line, ...phone } of typedPhones) {
    const read = cardPhone(phone.value, phoneRegion);
    if (read.ok) {
      card.lines[`phones.${contact.phones.length}`] = line;
      contact.phones.push({ ...phone, value: read.value });
    } else {
      // Kept as typed, but in the notes: it is no number anyone could dial or match.
      extras.push(`Tel.: ${read.value}`);
      card.warnings.push({
        line,
        message: msg("vcard_phone_kept", { value: read.value }),
      });
    }
  }
  if (role && !contact.department) {
    contact.department = role;
    card.lines.department = card.lines.role ?? raw.line;
  }
  contact.description = orUndefined([note, extras.join("\n")].filter(Boolean).join("\n\n"));
  // Only one primary each: the first preferred entry.
  for (const list of [contact.emails, contact.phones]) {
    const first = list.findIndex((p) => p.primary);
    list.forEach((p, i) => {
      p.primary = i === (first === -1 ? 0 : first);
    });
  }
  if (!contact.lastName && card.name) {
    // Only FN: its last word is the last name (the usual reading of "Jürgen Müller").
    const words = card.name.split(/\s+/);
    contact.lastName = words.pop();
    contact.firstName ??= orUndefined(words.join(" "));
    card.lines.lastName ??= card.lines.fn ?? raw.line;
  }
  if (!contact.lastName && card.organization) contact.lastName = card.organization;
  card.name ??= [contact.firstName, contact.lastName].filter(Boolean).join(" ") || null;
  // The database cannot store a NUL character: the card is refused, naming the field and its line.
  const nulPath = nulCharacterPath(contact);
  if (nulPath !== null) {
    card.errors.push({ line: lineOfPath(card, nulPath) ?? raw.line, path: nulPath, message: NUL_MESSAGE });
    return card;
  }
  card.contact = contact;
  return card;
}

/** The line of a field path or of the nearest field above it (`emails.0.value` → `emails.0`). */
function lineOfPath(card: ReadCard, path: string): number | undefined {
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const line = card.lines[parts.slice(0, n).join(".")];
    if (line !== undefined) return line;
  }
  return undefined;
}

/**
 * Every card of a .vcf file (vCard 2.1, 3.0 or 4.0), each read on its own: one bad card spoils no
 * other. A generator of the cards in order that also yields `null` between bounded steps of work,
 * so a server can let other requests run while a big file is read (issue #14).
 */
export function* readVcardSteps(text: string): Generator<ReadCard | null> {
  for (const raw of splitCardSteps(text)) yield raw === null ? null : readOne(raw);
}

/** Every card of a .vcf file at once (see `readVcardSteps`). */
export function readVcards(text: string): ReadCard[] {
  return [...readVcardSteps(text)].filter((card) => card !== null);
}
