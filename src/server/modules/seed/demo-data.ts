/**
 * The vocabulary of the demo data set (scripts/seed-demo.ts) and of the CRM test factories
 * (test/factories-crm.ts): real places with matching postal and area codes, names, industries and
 * bilingual texts. Plain data; the random choices are made by the factories and the seed script.
 */

import type { LeadSource } from "@domain/leads/lead-source";
import type { LeadStatus } from "@domain/leads/lead-status";
import type { LifecycleStage } from "@domain/leads/lifecycle";

export type Language = "de" | "en";
/** A text in German and in English; records take the variant of their own language. */
export type Bilingual = readonly [de: string, en: string];
export const pick = (text: Bilingual, language: Language): string => text[language === "de" ? 0 : 1];

/**
 * A text of `list` (in either language) in `language`, or the text itself when no entry holds it:
 * the demo's `--locale` turns what a factory wrote in a record's own language into the chosen one
 * without drawing again (the random sequence, and so the data set, stay the same).
 */
export const inLanguage = (text: string, list: readonly Bilingual[], language: Language): string => {
  const entry = list.find(([de, en]) => de === text || en === text);
  return entry ? pick(entry, language) : text;
};

export type CountryCode = "DE" | "AT" | "CH" | "GB" | "US";
/** name, postal code, area code without the leading zero */
export type City = readonly [name: string, postalCode: string, area: string];

export interface CountryData {
  language: Language;
  dial: string;
  tld: string;
  mobilePrefixes: readonly string[];
  legalForms: readonly string[];
  freeMail: readonly string[];
  cities: readonly City[];
}

export const COUNTRY_DATA: Record<CountryCode, CountryData> = {
  DE: {
    language: "de",
    dial: "+49",
    tld: "de",
    mobilePrefixes: ["151", "160", "170", "172", "176"],
    legalForms: ["GmbH", "GmbH", "GmbH", "GmbH & Co. KG", "GmbH & Co. KG", "AG", "AG", "KG", "SE", "e.K."],
    freeMail: ["gmx.de", "web.de", "t-online.de", "gmail.com", "posteo.de"],
    // Postal codes starting 0–4 are northern and eastern Germany, 5–9 western and southern.
    cities: [
      ["Hamburg", "20095", "40"],
      ["Bremen", "28195", "421"],
      ["Hannover", "30159", "511"],
      ["Berlin", "10115", "30"],
      ["Leipzig", "04109", "341"],
      ["Dresden", "01067", "351"],
      ["Kiel", "24103", "431"],
      ["Lübeck", "23552", "451"],
      ["Göttingen", "37073", "551"],
      ["Osnabrück", "49074", "541"],
      ["Münster", "48143", "251"],
      ["Düsseldorf", "40213", "211"],
      ["Lüneburg", "21335", "4131"],
      ["Jena", "07743", "3641"],
      ["Mönchengladbach", "41061", "2161"],
      ["Köln", "50667", "221"],
      ["Frankfurt am Main", "60311", "69"],
      ["Mannheim", "68159", "621"],
      ["Saarbrücken", "66111", "681"],
      ["Karlsruhe", "76133", "721"],
      ["Stuttgart", "70173", "711"],
      ["Böblingen", "71032", "7031"],
      ["Tübingen", "72070", "7071"],
      ["Freiburg im Breisgau", "79098", "761"],
      ["Ulm", "89073", "731"],
      ["Augsburg", "86150", "821"],
      ["München", "80331", "89"],
      ["Regensburg", "93047", "941"],
      ["Nürnberg", "90402", "911"],
      ["Fürth", "90762", "911"],
      ["Würzburg", "97070", "931"],
    ],
  },
  AT: {
    language: "de",
    dial: "+43",
    tld: "at",
    mobilePrefixes: ["664", "660", "676", "699"],
    legalForms: ["GmbH", "GmbH", "AG", "GmbH & Co KG", "KG"],
    freeMail: ["gmx.at", "aon.at", "gmail.com"],
    cities: [
      ["Wien", "1010", "1"],
      ["Graz", "8010", "316"],
      ["Linz", "4020", "732"],
      ["Salzburg", "5020", "662"],
      ["Innsbruck", "6020", "512"],
    ],
  },
  CH: {
    language: "de",
    dial: "+41",
    tld: "ch",
    mobilePrefixes: ["76", "78", "79"],
    legalForms: ["AG", "AG", "GmbH", "GmbH"],
    freeMail: ["bluewin.ch", "gmx.ch", "gmail.com"],
    cities: [
      ["Zürich", "8001", "44"],
      ["Basel", "4051", "61"],
      ["Bern", "3011", "31"],
      ["St. Gallen", "9000", "71"],
      ["Luzern", "6003", "41"],
    ],
  },
  GB: {
    language: "en",
    dial: "+44",
    tld: "co.uk",
    // 07700 900xxx is Ofcom's range reserved for drama: never a real subscriber.
    mobilePrefixes: ["7700 900"],
    legalForms: ["Ltd", "Ltd", "Ltd", "PLC", "LLP"],
    freeMail: ["gmail.com", "outlook.com", "btinternet.com"],
    cities: [
      ["London", "EC2A 4NE", "20"],
      ["Manchester", "M1 1AE", "161"],
      ["Birmingham", "B1 1BB", "121"],
      ["Leeds", "LS1 4DY", "113"],
      ["Bristol", "BS1 4DJ", "117"],
      ["Edinburgh", "EH1 1YZ", "131"],
    ],
  },
  US: {
    language: "en",
    dial: "+1",
    tld: "com",
    mobilePrefixes: ["212", "617", "312", "512"],
    legalForms: ["Inc.", "Inc.", "LLC", "Corp."],
    freeMail: ["gmail.com", "outlook.com", "yahoo.com"],
    cities: [
      ["New York", "10001", "212"],
      ["Boston", "02108", "617"],
      ["Chicago", "60601", "312"],
      ["Austin", "78701", "512"],
      ["Seattle", "98101", "206"],
      ["San Francisco", "94105", "415"],
    ],
  },
};

// Umlauts and ß on purpose: accent-insensitive search ("muller" finds "Müller") needs them to try.
// biome-ignore format: a list of names reads better in rows than one per line
export const GERMAN_LAST_NAMES = [
  "Müller", "Jäger", "Bäcker", "Schäfer", "Köhler", "Schröder", "Krüger", "Böhm", "Weiß", "Groß",
  "Hübner", "Kühn", "Löffler", "Fröhlich", "Dürr", "Günther", "Jürgens", "Sänger", "Nüßlein", "Wöhler",
] as const;
// biome-ignore format: a list of names reads better in rows than one per line
export const GERMAN_FIRST_NAMES = [
  "Jürgen", "Jörg", "Björn", "Sören", "Bärbel", "Käthe", "Götz", "Sönke", "Hülya", "Ömer",
] as const;
export const ACCENTED_FIRST_NAMES = ["René", "André", "Zoë", "Chloé", "José", "Noémie"] as const;

/** German job title (male and female form), English job title, department. */
export const JOBS: readonly { de: readonly [string, string]; en: string; department: Bilingual }[] = [
  {
    de: ["Geschäftsführer", "Geschäftsführerin"],
    en: "Managing Director",
    department: ["Geschäftsführung", "Management"],
  },
  {
    de: ["Leiter Einkauf", "Leiterin Einkauf"],
    en: "Head of Procurement",
    department: ["Einkauf", "Procurement"],
  },
  { de: ["Einkäufer", "Einkäuferin"], en: "Purchasing Manager", department: ["Einkauf", "Procurement"] },
  { de: ["IT-Leiter", "IT-Leiterin"], en: "IT Director", department: ["IT", "IT"] },
  { de: ["Systemadministrator", "Systemadministratorin"], en: "Systems Engineer", department: ["IT", "IT"] },
  { de: ["Vertriebsleiter", "Vertriebsleiterin"], en: "VP Sales", department: ["Vertrieb", "Sales"] },
  {
    de: ["Marketingleiter", "Marketingleiterin"],
    en: "Head of Marketing",
    department: ["Marketing", "Marketing"],
  },
  {
    de: ["Produktionsleiter", "Produktionsleiterin"],
    en: "Operations Manager",
    department: ["Produktion", "Operations"],
  },
  { de: ["Leiter Finanzen", "Leiterin Finanzen"], en: "CFO", department: ["Finanzen", "Finance"] },
  { de: ["Projektmanager", "Projektmanagerin"], en: "Project Manager", department: ["Projekte", "Projects"] },
  { de: ["Technischer Leiter", "Technische Leiterin"], en: "CTO", department: ["Technik", "Engineering"] },
];

/** The industry, and the word a company of that industry puts in its name. */
export const INDUSTRIES: readonly (readonly [industry: Bilingual, nameWord: Bilingual])[] = [
  [
    ["Maschinenbau", "Mechanical engineering"],
    ["Maschinenbau", "Engineering"],
  ],
  [
    ["Automobilzulieferer", "Automotive supplier"],
    ["Fahrzeugteile", "Automotive"],
  ],
  [
    ["Logistik", "Logistics"],
    ["Logistik", "Logistics"],
  ],
  [
    ["Software", "Software"],
    ["Software", "Software"],
  ],
  [
    ["IT-Dienstleistungen", "IT services"],
    ["IT-Systeme", "IT Solutions"],
  ],
  [
    ["Elektrotechnik", "Electrical engineering"],
    ["Elektrotechnik", "Electrics"],
  ],
  [
    ["Lebensmittel", "Food and beverages"],
    ["Feinkost", "Foods"],
  ],
  [
    ["Medizintechnik", "Medical technology"],
    ["Medizintechnik", "Medical"],
  ],
  [
    ["Großhandel", "Wholesale"],
    ["Handelshaus", "Trading"],
  ],
  [
    ["Bauwesen", "Construction"],
    ["Bau", "Construction"],
  ],
  [
    ["Energie", "Energy"],
    ["Energietechnik", "Energy"],
  ],
  [
    ["Chemie", "Chemicals"],
    ["Chemie", "Chemicals"],
  ],
  [
    ["Unternehmensberatung", "Consulting"],
    ["Consulting", "Consulting"],
  ],
  [
    ["Finanzdienstleistungen", "Financial services"],
    ["Finanzpartner", "Capital"],
  ],
];

export const COMPANY_SIZES = [
  { value: "1-10", weight: 10 },
  { value: "11-50", weight: 28 },
  { value: "51-200", weight: 30 },
  { value: "201-500", weight: 15 },
  { value: "501-1000", weight: 8 },
  { value: "1001-5000", weight: 6 },
  { value: "5000+", weight: 3 },
];

/** What a lead or deal is about. */
export const INTERESTS: readonly Bilingual[] = [
  ["Einführung CRM für das Vertriebsteam", "CRM rollout for the sales team"],
  ["Wartungsvertrag für Produktionsanlagen", "Maintenance contract for production lines"],
  ["Migration der Kundendaten in die Cloud", "Migrating customer data to the cloud"],
  ["Schulungspaket für 20 Mitarbeitende", "Training package for 20 staff"],
  ["Lizenzerweiterung um 50 Nutzer", "License extension by 50 seats"],
  ["Schnittstelle zum ERP-System (SAP)", "Integration with the ERP system (SAP)"],
  ["Beratung Prozessoptimierung im Einkauf", "Procurement process consulting"],
  ["Ersatzteilversorgung und Service-Level", "Spare parts supply and service levels"],
  ["Pilotprojekt an einem Standort", "Pilot project at one site"],
  ["Rahmenvertrag für drei Jahre", "Three-year framework agreement"],
];

// --- texts of the seed script ------------------------------------------------------------------

/** Where a lead came from in detail, by source; null: nothing to add. */
export const SOURCE_DETAILS: Record<string, readonly (Bilingual | null)[]> = {
  web_form: [
    ["Kontaktformular Website", "Website contact form"],
    ["Demo-Anfrage", "Demo request form"],
  ],
  email: [["Anfrage an vertrieb@", "Inquiry to sales@"], null],
  online_ad: [
    ["Google Ads – Kampagne Frühjahr", "Google Ads – spring campaign"],
    ["LinkedIn Ads", "LinkedIn Ads"],
  ],
  webinar: [["Webinar: Vertrieb digital steuern", "Webinar: running sales digitally"]],
  social_media: [
    ["LinkedIn", "LinkedIn"],
    ["XING", "X (Twitter)"],
  ],
  inbound_call: [["Anruf über Zentrale", "Call to the switchboard"], null],
  referral: [
    ["Empfehlung eines Bestandskunden", "Referred by a customer"],
    ["Empfehlung Partner", "Partner referral"],
  ],
  trade_show: [
    ["Hannover Messe", "Hannover Messe"],
    ["LogiMAT Stuttgart", "LogiMAT Stuttgart"],
    ["it-sa Nürnberg", "it-sa Nuremberg"],
  ],
  purchased_list: [["Adressliste Maschinenbau Süd", "Address list UK manufacturing"]],
  import: [["Import Messekontakte.xlsx", "Import trade-show-contacts.xlsx"]],
  manual: [null],
  other: [
    ["Branchenverzeichnis", "Industry directory"],
    ["Zeitungsartikel", "Press article"],
  ],
};

/** Why a lead was closed; `criterion` names the BANT criterion the reason implies is not met. */
export const DEAD_REASONS: readonly { text: Bilingual; criterion?: "budget" | "need" | "timeline" }[] = [
  { text: ["Kein Budget", "No budget"], criterion: "budget" },
  { text: ["Kein Bedarf", "No need"], criterion: "need" },
  { text: ["Projekt auf nächstes Jahr verschoben", "Project postponed to next year"], criterion: "timeline" },
  { text: ["Hat sich für einen Wettbewerber entschieden", "Chose a competitor"] },
  { text: ["Nicht erreichbar", "Unreachable"] },
  { text: ["Dublette", "Duplicate"] },
];

export const LOST_REASONS: readonly Bilingual[] = [
  ["Preis zu hoch", "Price too high"],
  ["Wettbewerber hat gewonnen", "Lost to a competitor"],
  ["Projekt gestoppt", "Project cancelled"],
  ["Keine Entscheidung", "No decision"],
  ["Funktionsumfang reicht nicht", "Missing features"],
];

export const LEAD_TAGS: readonly Bilingual[] = [
  ["heiß", "hot"],
  ["Messe", "event"],
  ["Newsletter", "newsletter"],
  ["Rückruf", "call back"],
  ["Enterprise", "enterprise"],
  ["KMU", "SMB"],
];
export const COMPANY_TAGS: readonly Bilingual[] = [
  ["Kunde", "customer"],
  ["Interessent", "prospect"],
  ["Partner", "partner"],
  ["Key Account", "key account"],
];
export const CONTACT_TAGS: readonly Bilingual[] = [
  ["Entscheider", "decision maker"],
  ["Newsletter", "newsletter"],
  ["VIP", "VIP"],
];

/** Subjects and bodies per activity type. */
export const ACTIVITY_TEXTS: Record<
  "call" | "meeting" | "task" | "note" | "email",
  { subjects: readonly Bilingual[]; bodies: readonly Bilingual[] }
> = {
  call: {
    subjects: [
      ["Erstgespräch", "Intro call"],
      ["Rückruf zur Anfrage", "Call back about the inquiry"],
      ["Nachfassen zum Angebot", "Follow up on the proposal"],
      ["Bedarf klären", "Discovery call"],
      ["Budget abstimmen", "Clarify the budget"],
    ],
    bodies: [
      ["Nicht erreicht, Nachricht hinterlassen.", "No answer, left a voicemail."],
      ["Interesse bestätigt, Unterlagen gewünscht.", "Interest confirmed, wants documents."],
      ["Entscheidung fällt im nächsten Quartal.", "Decision expected next quarter."],
    ],
  },
  meeting: {
    subjects: [
      ["Vor-Ort-Termin", "On-site visit"],
      ["Produktdemo", "Product demo"],
      ["Workshop Anforderungen", "Requirements workshop"],
      ["Vertragsverhandlung", "Contract negotiation"],
    ],
    bodies: [
      ["Agenda: Vorstellung, Demo, nächste Schritte.", "Agenda: introductions, demo, next steps."],
      ["Teilnehmende aus Einkauf und IT.", "Attendees from procurement and IT."],
    ],
  },
  task: {
    subjects: [
      ["Angebot erstellen", "Prepare the proposal"],
      ["Unterlagen senden", "Send documents"],
      ["Referenzen zusammenstellen", "Collect references"],
      ["Termin vereinbaren", "Schedule a meeting"],
      ["Preise mit Vertriebsleitung abstimmen", "Agree pricing with sales management"],
    ],
    bodies: [],
  },
  note: {
    subjects: [
      ["Gesprächsnotiz", "Call notes"],
      ["Organigramm", "Org chart"],
      ["Wettbewerbssituation", "Competitive situation"],
    ],
    bodies: [
      ["Entscheidet gemeinsam mit der Geschäftsführung.", "Decides together with the managing director."],
      ["Nutzt bisher Excel-Listen, Wechsel gewünscht.", "Uses spreadsheets today, wants to switch."],
      ["Vergleicht mit zwei weiteren Anbietern.", "Comparing two other vendors."],
    ],
  },
  email: {
    subjects: [
      ["Ihre Anfrage", "Your inquiry"],
      ["Angebot wie besprochen", "Proposal as discussed"],
      ["Unterlagen zur Produktdemo", "Documents from the product demo"],
      ["Terminbestätigung", "Meeting confirmation"],
    ],
    bodies: [
      [
        "Vielen Dank für das Gespräch, anbei die Unterlagen.",
        "Thanks for the call, please find the documents attached.",
      ],
    ],
  },
};

// --- shape of the demo data set ------------------------------------------------------------------

export const DEMO_COUNTS = {
  companies: 60,
  contactsWithCompany: 128,
  contactsAlone: 22,
  deals: 80,
  activities: 400,
};
export const LEAD_STATUS_COUNTS: Record<LeadStatus, number> = {
  new: 50,
  assigned: 45,
  in_process: 75,
  converted: 55,
  recycled: 20,
  dead: 55,
};
/** How far back leads of each status were created: new ones are fresh, closed ones of any age. */
export const LEAD_AGE_DAYS: Record<LeadStatus, number> = {
  new: 45,
  assigned: 120,
  in_process: 270,
  converted: 365,
  recycled: 365,
  dead: 365,
};
/** Which lifecycle stages a lead of each status plausibly has reached. */
export const STAGE_WEIGHTS: Record<LeadStatus, Record<LifecycleStage, number>> = {
  new: { mal: 70, mql: 30, sal: 0, sql: 0 },
  assigned: { mal: 30, mql: 45, sal: 25, sql: 0 },
  in_process: { mal: 0, mql: 20, sal: 45, sql: 35 },
  converted: { mal: 0, mql: 0, sal: 25, sql: 75 },
  recycled: { mal: 50, mql: 50, sal: 0, sql: 0 },
  dead: { mal: 30, mql: 35, sal: 25, sql: 10 },
};
export const SOURCE_WEIGHTS: Record<LeadSource, number> = {
  web_form: 18,
  email: 8,
  online_ad: 8,
  webinar: 7,
  social_media: 7,
  inbound_call: 8,
  referral: 9,
  trade_show: 12,
  purchased_list: 6,
  import: 6,
  manual: 7,
  other: 4,
};
/** Sources whose leads marketing enters (lists, campaigns, events); web forms create their leads alone. */
export const MARKETING_SOURCES: ReadonlySet<LeadSource> = new Set<LeadSource>([
  "online_ad",
  "webinar",
  "social_media",
  "purchased_list",
  "import",
  "trade_show",
]);

/** "main" is the admin's first team (created as "Vertrieb" on an empty database). */
export type TeamKey = "main" | "nord" | "sued";
export const TEAM_NAMES: Record<TeamKey, Bilingual> = {
  main: ["Vertrieb", "Sales"],
  nord: ["Vertrieb Nord", "Sales North"],
  sued: ["Vertrieb Süd", "Sales South"],
};

const demoUser = (
  name: string,
  role: "manager" | "sales" | "marketing",
  team: TeamKey,
  locale: Language,
) => ({
  email: `${name.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(" ", ".")}@leadwerk.test`,
  name,
  role,
  team,
  locale,
});
export const DEMO_USERS = [
  demoUser("Katrin Böhm", "manager", "main", "de"),
  demoUser("Jonas Müller", "sales", "nord", "de"),
  demoUser("Emily Carter", "sales", "nord", "en"),
  demoUser("Sebastian Jäger", "sales", "sued", "de"),
  demoUser("Aylin Schäfer", "sales", "sued", "de"),
  demoUser("Sophie Bäcker", "marketing", "main", "de"),
] as const;
