import PDFDocument from "pdfkit";
import type { PersonData } from "./person-export";

/**
 * The Art. 15 copy as a readable document. PDF (pdfkit, as the quotes use) rather than HTML: it is
 * what a person is sent or handed, opens the same everywhere, and no stored text can become markup.
 * The standard Helvetica covers German umlauts and ß.
 */
type Lang = "de" | "en";

const TEXTS = {
  de: {
    title: "Auskunft nach Art. 15 DSGVO",
    intro: (at: string) =>
      `Diese Auskunft enthält alle bei uns gespeicherten Daten zu Ihrer Person, Stand ${at}. Anhänge von E-Mails sind mit Name und Größe aufgeführt.`,
    leads: "Anfragen (Leads)",
    contacts: "Kontaktdaten",
    activities: "Aktivitäten",
    emails: "E-Mails",
    outgoingMails: "Versandte E-Mails",
    inboundMails: "Eingegangene E-Mails",
    consents: "Einwilligungen und Rechtsgrundlagen",
    formConsents: "Einwilligungen über Webformulare",
    restrictions: "Einschränkungen der Verarbeitung",
    auditEntries: "Änderungsprotokoll",
    processingLog: "Datenschutz-Vorgänge",
    none: "Keine Einträge.",
    page: (n: number, of: number) => `Seite ${n} von ${of}`,
  },
  en: {
    title: "Data access request (Art. 15 GDPR)",
    intro: (at: string) =>
      `This document holds all data we store about you, as of ${at}. Email attachments are listed by name and size.`,
    leads: "Enquiries (leads)",
    contacts: "Contact details",
    activities: "Activities",
    emails: "Emails",
    outgoingMails: "Emails sent",
    inboundMails: "Emails received",
    consents: "Consents and legal bases",
    formConsents: "Consents given on web forms",
    restrictions: "Restrictions of processing",
    auditEntries: "Change history",
    processingLog: "Data protection actions",
    none: "No entries.",
    page: (n: number, of: number) => `Page ${n} of ${of}`,
  },
} as const;

const SECTIONS = [
  "leads",
  "contacts",
  "consents",
  "formConsents",
  "activities",
  "emails",
  "outgoingMails",
  "inboundMails",
  "restrictions",
  "auditEntries",
  "processingLog",
] as const satisfies readonly (keyof PersonData)[];

function formatValue(value: unknown, lang: Lang): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (value instanceof Date)
    return value.toLocaleString(lang === "de" ? "de-DE" : "en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "Europe/Berlin",
    });
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.length === 0) return null;
  if (typeof value === "object" && Object.keys(value).length === 0) return null;
  return JSON.stringify(value);
}

export function renderPersonPdf(data: PersonData, lang: Lang, generatedAt: Date): Promise<Buffer> {
  const words = TEXTS[lang];
  const pdf = new PDFDocument({ size: "A4", margin: 56, bufferPages: true, info: { Title: words.title } });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  pdf.font("Helvetica-Bold").fontSize(16).text(words.title);
  pdf.moveDown(0.5);
  pdf
    .font("Helvetica")
    .fontSize(10)
    .text(words.intro(formatValue(generatedAt, lang) ?? ""));
  for (const section of SECTIONS) {
    const entries = data[section] as readonly Record<string, unknown>[];
    pdf.moveDown(1);
    pdf.font("Helvetica-Bold").fontSize(12).text(words[section]);
    pdf.font("Helvetica").fontSize(9);
    if (entries.length === 0) pdf.text(words.none);
    for (const entry of entries) {
      pdf.moveDown(0.4);
      for (const [key, value] of Object.entries(entry)) {
        const shown = formatValue(value, lang);
        if (shown !== null) pdf.text(`${key}: ${shown}`, { width: 480 });
      }
    }
  }
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i += 1) {
    pdf.switchToPage(range.start + i);
    // Below the bottom margin: without this pdfkit would start a new page for the footer.
    pdf.page.margins.bottom = 0;
    pdf.fontSize(8).text(words.page(i + 1, range.count), 56, pdf.page.height - 40, {
      width: 480,
      align: "right",
      lineBreak: false,
    });
  }
  pdf.end();
  return done;
}
