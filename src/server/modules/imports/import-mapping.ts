import type { IntakeInput } from "@domain/intake/intake-types";
import { LEAD_SOURCES, type LeadSource } from "@domain/leads/lead-source";
import { uiText } from "@server/modules/exports/export-labels";
import { LEAD_IMPORT_FIELDS, type LeadImportField } from "@shared/schemas/import";

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

const KNOWN = new Map<string, LeadImportField>();
for (const field of LEAD_IMPORT_FIELDS) {
  // The field's own key, the UI's German and English label (so an exported file maps back), synonyms.
  const words = [
    field,
    uiText("de", `leads.fields.${field}`),
    uiText("en", `leads.fields.${field}`),
    ...SYNONYMS[field],
  ];
  for (const word of words) {
    const key = headerKey(word);
    if (key && !KNOWN.has(key)) KNOWN.set(key, field);
  }
}

/** The automatic mapping: each header to the field it names (each field once, the first column wins). */
export function autoMapping(headers: readonly string[]): Record<string, LeadImportField | null> {
  const taken = new Set<LeadImportField>();
  const mapping: Record<string, LeadImportField | null> = {};
  for (const header of headers) {
    const field = KNOWN.get(headerKey(header)) ?? null;
    mapping[header] = field && !taken.has(field) ? field : null;
    if (field) taken.add(field);
  }
  return mapping;
}

/** "Messe" → trade_show: the German and English labels and the codes of the lead sources. */
const SOURCE_WORDS = new Map<string, LeadSource>();
for (const source of LEAD_SOURCES) {
  for (const word of [source, uiText("de", `leads.source.${source}`), uiText("en", `leads.source.${source}`)])
    SOURCE_WORDS.set(headerKey(word), source);
}

export interface MappedRow {
  input: IntakeInput;
  source: LeadSource | null;
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
  headers.forEach((header, index) => {
    const field = mapping[header];
    const value = (cells[index] ?? "").trim();
    if (!field || value === "") return;
    if (field === "source") {
      const chosen = valueMapping.source?.[value] ?? SOURCE_WORDS.get(headerKey(value));
      if (chosen && (LEAD_SOURCES as readonly string[]).includes(chosen)) source = chosen as LeadSource;
      else errors.push({ field, code: "invalid", value });
      return;
    }
    input[field] = input[field] ? `${input[field]} ${value}` : value;
  });
  return { input: input as IntakeInput, source, errors };
}
