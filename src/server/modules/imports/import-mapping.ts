import type { IntakeInput } from "@domain/intake/intake-types";
import { LEAD_SOURCES, type LeadSource } from "@domain/leads/lead-source";
import { uiText } from "@server/modules/exports/export-labels";
import {
  IMPORT_ENTITIES,
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  type ImportEntity,
  type LeadImportField,
} from "@shared/schemas/import";

/** Lower case, umlauts and ß spelled out, nothing but letters and digits: "E-Mail-Adresse" → "emailadresse". */
export function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[^a-z0-9]/g, "");
}

const EXTERNAL_ID = ["externeid", "externalid", "extid", "crmid", "kundennummer", "customerid"];

/** Headers other CRMs, trade-fair scanners and German Excel sheets use, beside our own UI words. */
const SYNONYMS: Record<LeadImportField, string[]> = {
  salutation: ["anrede", "salutation", "herrfrau"],
  title: ["titel", "title", "akadtitel"],
  firstName: ["vorname", "firstname", "first", "givenname", "rufname"],
  lastName: ["nachname", "lastname", "surname", "familienname", "name", "last"],
  companyName: ["firma", "company", "unternehmen", "organisation", "organization", "firmenname", "account"],
  jobTitle: ["position", "funktion", "jobtitle", "job", "rolle"],
  department: ["abteilung", "department", "bereich"],
  email: ["email", "emailadresse", "mail", "emailaddress", "e"],
  phone: ["telefon", "phone", "tel", "telefonnummer", "phonenumber", "festnetz", "telefongeschaeftlich"],
  mobile: ["mobil", "mobile", "handy", "mobiltelefon", "mobilnummer", "cell", "cellphone"],
  website: ["website", "webseite", "homepage", "url", "internet", "web"],
  street: ["strasse", "street", "adresse", "address", "anschrift", "strassehausnummer"],
  postalCode: ["plz", "postleitzahl", "zip", "zipcode", "postalcode", "postcode"],
  city: ["ort", "stadt", "city", "town", "wohnort"],
  country: ["land", "country", "staat"],
  interest: [
    "interesse",
    "interest",
    "notiz",
    "notizen",
    "anmerkung",
    "bemerkung",
    "notes",
    "kommentar",
    "anfrage",
  ],
  vatId: ["ustidnr", "ustid", "vatid", "vat", "umsatzsteuerid", "vatnumber"],
  source: ["quelle", "source", "herkunft", "leadquelle", "leadsource"],
  sourceDetail: ["quellendetail", "kampagne", "campaign", "sourcedetail", "veranstaltung", "event"],
};

/** Headers of the other entities' files, beside their UI words (IMPORT_FIELD_LABELS) and field keys. */
const RECORD_SYNONYMS: Record<Exclude<ImportEntity, "lead">, Record<string, string[]>> = {
  contact: {
    ...pick(SYNONYMS, ["salutation", "title", "firstName", "lastName", "jobTitle", "department"]),
    ...pick(SYNONYMS, ["email", "phone", "mobile", "street", "postalCode", "city", "country"]),
    companyName: SYNONYMS.companyName,
    externalId: EXTERNAL_ID,
    birthday: ["geburtstag", "geburtsdatum", "birthday", "dateofbirth", "birthdate"],
    leadSource: ["quelle", "source", "herkunft", "leadquelle", "leadsource"],
    description: ["beschreibung", "description", "notiz", "notizen", "bemerkung", "notes", "kommentar"],
  },
  company: {
    name: [
      "firma",
      "firmenname",
      "company",
      "companyname",
      "unternehmen",
      "organisation",
      "organization",
      "name",
      "account",
    ],
    website: SYNONYMS.website,
    industry: ["branche", "industry", "sector", "sektor"],
    size: [
      "groesse",
      "mitarbeiter",
      "mitarbeiterzahl",
      "anzahlmitarbeiter",
      "size",
      "employees",
      "headcount",
    ],
    vatId: SYNONYMS.vatId,
    email: SYNONYMS.email,
    phone: SYNONYMS.phone,
    street: SYNONYMS.street,
    postalCode: SYNONYMS.postalCode,
    city: SYNONYMS.city,
    country: SYNONYMS.country,
    externalId: EXTERNAL_ID,
    description: ["beschreibung", "description", "notiz", "notizen", "bemerkung", "notes", "kommentar"],
  },
  deal: {
    title: ["titel", "title", "dealname", "name", "bezeichnung", "opportunity", "verkaufschance", "auftrag"],
    amount: ["betrag", "amount", "wert", "value", "volumen", "umsatz", "dealvalue", "auftragswert"],
    currency: ["waehrung", "currency"],
    probability: ["wahrscheinlichkeit", "probability", "chance", "abschlusswahrscheinlichkeit"],
    expectedCloseDate: ["abschlussdatum", "closedate", "expectedclose", "erwarteterabschluss", "abschluss"],
    companyName: SYNONYMS.companyName,
    companyExternalId: ["firmenid", "companyid", "companyexternalid", "accountid"],
    contactEmail: ["kontaktemail", "contactemail", "email", "emailadresse", "mail"],
    contactName: [
      "kontakt",
      "contact",
      "ansprechpartner",
      "kontaktname",
      "contactname",
      "kontakte",
      "contacts",
    ],
    contactExternalId: ["kontaktid", "contactid", "contactexternalid"],
    externalId: EXTERNAL_ID,
    description: ["beschreibung", "description", "notiz", "notizen", "bemerkung", "notes", "kommentar"],
  },
};

function pick<K extends string>(from: Record<K, string[]>, keys: readonly K[]): Record<string, string[]> {
  return Object.fromEntries(keys.map((k) => [k, from[k]]));
}

/** Per entity: a header's folded form → the field it names. */
const KNOWN = Object.fromEntries(
  IMPORT_ENTITIES.map((entity) => {
    const known = new Map<string, string>();
    const synonyms: Record<string, string[]> =
      entity === "lead" ? { ...SYNONYMS, externalId: EXTERNAL_ID } : RECORD_SYNONYMS[entity];
    for (const field of IMPORT_FIELDS[entity]) {
      // The field's own key, the UI's German and English label (so an exported file maps back), synonyms.
      const label = IMPORT_FIELD_LABELS[entity][field] ?? field;
      const words = [field, uiText("de", label), uiText("en", label), ...(synonyms[field] ?? [])];
      for (const word of words) {
        const key = headerKey(word);
        if (key && !known.has(key)) known.set(key, field);
      }
    }
    return [entity, known];
  }),
) as Record<ImportEntity, Map<string, string>>;

/** The automatic mapping: each header to the field it names (each field once, the first column wins). */
export function autoMapping(
  headers: readonly string[],
  entity: ImportEntity = "lead",
): Record<string, string | null> {
  const taken = new Set<string>();
  const mapping: Record<string, string | null> = {};
  for (const header of headers) {
    const field = KNOWN[entity].get(headerKey(header)) ?? null;
    mapping[header] = field && !taken.has(field) ? field : null;
    if (field) taken.add(field);
  }
  return mapping;
}

/** A row's mapped cells by field (trimmed, empty ones left out; two columns of one field joined). */
export function mappedCells(
  headers: readonly string[],
  cells: readonly string[],
  mapping: Readonly<Record<string, string | null>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((header, index) => {
    const field = mapping[header];
    const value = (cells[index] ?? "").trim();
    if (!field || value === "") return;
    out[field] = out[field] ? `${out[field]} ${value}` : value;
  });
  return out;
}

/** A choice's codes by their own key and their German and English UI words (`labels`.<code>). */
export function choiceWords<C extends string>(codes: readonly C[], labels: string | null): Map<string, C> {
  const words = new Map<string, C>();
  for (const code of codes) {
    const texts = labels ? [uiText("de", `${labels}.${code}`), uiText("en", `${labels}.${code}`)] : [];
    for (const word of [code, ...texts]) words.set(headerKey(word), code);
  }
  return words;
}

/** "Messe" → trade_show: the German and English labels and the codes of the lead sources. */
const SOURCE_WORDS = choiceWords(LEAD_SOURCES, "leads.source");

export interface MappedRow {
  input: IntakeInput;
  source: LeadSource | null;
  /** The lead's id in the other system: a match key, stored on the new lead (not an intake field). */
  externalId: string | null;
  /** Cells the mapping could not read: field and why (the column is named by the caller). */
  errors: { field: string; code: string; value: string }[];
}

/**
 * One row of the file as the intake pipeline takes it: the mapped columns' text (the pipeline
 * normalises it), the source read through the value mapping. Text stays text: a cell starting with
 * `=` is a value like any other, never evaluated.
 */
export function mapRow(
  headers: readonly string[],
  cells: readonly string[],
  mapping: Readonly<Record<string, string | null>>,
  valueMapping: Readonly<Record<string, Record<string, string>>>,
): MappedRow {
  const input: Record<string, string> = {};
  const errors: MappedRow["errors"] = [];
  let source: LeadSource | null = null;
  let externalId: string | null = null;
  headers.forEach((header, index) => {
    const field = mapping[header];
    const value = (cells[index] ?? "").trim();
    // Custom fields (`cf.<key>`) are read beside the intake's input (import-custom-fields.ts).
    if (!field || value === "" || field.startsWith("cf.")) return;
    if (field === "externalId") {
      if (value.length > 255) errors.push({ field, code: "invalid", value });
      else externalId = value;
      return;
    }
    if (field === "source") {
      const chosen = valueMapping.source?.[value] ?? SOURCE_WORDS.get(headerKey(value));
      if (chosen && (LEAD_SOURCES as readonly string[]).includes(chosen)) source = chosen as LeadSource;
      else errors.push({ field, code: "invalid", value });
      return;
    }
    input[field] = input[field] ? `${input[field]} ${value}` : value;
  });
  return { input: input as IntakeInput, source, externalId, errors };
}
