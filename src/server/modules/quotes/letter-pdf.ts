import { addressBlock, homeCountryOf } from "@domain/addresses/address-block";
import { normaliseRate } from "@domain/quotes/vat-rates";
import type { Letterhead } from "@shared/schemas/quote";
import PDFDocument from "pdfkit";
import {
  type Addressee,
  type Formality,
  fill,
  formatDate,
  formatDecimal,
  formatMoney,
  greeting,
  type Locale,
  textsFor,
} from "./letter-texts";

/**
 * A quote or invoice as a DIN 5008 business letter (form B) on A4, drawn with pdfkit (pure
 * JavaScript; the standard Helvetica needs no font files): the letterhead at the top, the address
 * window at 25 mm / 45 mm with the sender line above the recipient, the information block on the
 * right, the subject, the lines table with the totals per VAT rate, and a footer with address, VAT
 * id and bank details and the page numbers on every page.
 */
export interface LetterLine {
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  discountPercent: string;
  vatRate: string;
  net: string;
}

export interface LetterDocument {
  kind: "quote" | "invoice";
  locale: Locale;
  formality: Formality;
  /** null for a draft quote. */
  number: string | null;
  revision: number;
  date: string;
  /** Valid until (quote) or due date (invoice). */
  deadline: string | null;
  sender: Letterhead;
  recipient: Addressee & {
    company: string;
    street: string | null;
    postalCode: string | null;
    city: string | null;
    country: string | null;
  };
  contactPerson: { name: string; email: string };
  introText: string | null;
  closingText: string | null;
  currency: string;
  lines: LetterLine[];
  totals: { net: string; vat: { rate: string; amount: string }[]; gross: string };
}

const mm = (value: number) => (value * 72) / 25.4;
const LEFT = mm(25);
const RIGHT = mm(210 - 20);
const WIDTH = RIGHT - LEFT;
const FOOTER_TOP = mm(297 - 28);
const GREY = "#555555";

/** Renders the letter and resolves with the PDF's bytes. */
export function renderLetterPdf(doc: LetterDocument): Promise<Buffer> {
  const t = textsFor(doc.locale);
  const pdf = new PDFDocument({
    size: "A4",
    margins: { top: mm(20), bottom: mm(30), left: LEFT, right: mm(20) },
    bufferPages: true,
    info: {
      Title: `${doc.kind === "quote" ? t.quote : t.invoice} ${doc.number ?? t.draft}`,
      Author: doc.sender.companyName,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  const money = (amount: string) => formatMoney(amount, doc.currency, doc.locale);
  const s = doc.sender;

  // Letterhead (the top 45 mm): the logo right, the company's name left.
  if (s.logo) {
    try {
      const data = Buffer.from(s.logo.slice(s.logo.indexOf(",") + 1), "base64");
      pdf.image(data, RIGHT - mm(50), mm(12), { fit: [mm(50), mm(22)], align: "right" });
    } catch {
      // An unreadable logo leaves the letterhead without it rather than failing the document.
    }
  }
  pdf
    .font("Helvetica-Bold")
    .fontSize(16)
    .fillColor("black")
    .text(s.companyName || " ", LEFT, mm(18), {
      width: mm(110),
    });

  // Address window (DIN 5008 form B: 45 mm from the top, 85 × 45 mm), sender line first.
  const senderLine = [s.companyName, s.street, [s.postalCode, s.city].filter(Boolean).join(" ")]
    .filter(Boolean)
    .join(" · ");
  pdf
    .font("Helvetica")
    .fontSize(7)
    .fillColor(GREY)
    .text(senderLine, LEFT, mm(47), { width: mm(85), lineBreak: false });
  pdf
    .moveTo(LEFT, mm(50.5))
    .lineTo(LEFT + mm(85), mm(50.5))
    .lineWidth(0.3)
    .strokeColor(GREY)
    .stroke();
  const r = doc.recipient;
  // DIN 5008: the form of address belongs in the name line ("Frau Dr. Anna Schmidt"), the country
  // line only on letters abroad (src/domain/addresses/address-block.ts).
  const address = addressBlock(
    { company: r.company, person: r, address: r },
    { homeCountry: homeCountryOf(s.country), locale: doc.locale },
  );
  pdf
    .font("Helvetica")
    .fontSize(10)
    .fillColor("black")
    .text(address.join("\n"), LEFT, mm(54), {
      width: mm(85),
      height: mm(35),
    });

  // Information block (right, from 50 mm).
  const info: [string, string][] = [
    [t.number[doc.kind], doc.number ? doc.number : t.draft],
    [t.date, formatDate(doc.date, doc.locale)],
  ];
  if (doc.deadline)
    info.push([doc.kind === "quote" ? t.validUntil : t.dueDate, formatDate(doc.deadline, doc.locale)]);
  info.push([t.contactPerson, doc.contactPerson.name], ["", doc.contactPerson.email]);
  let y = mm(50);
  for (const [label, value] of info) {
    pdf
      .font("Helvetica")
      .fontSize(8)
      .fillColor(GREY)
      .text(label, mm(125), y, { width: mm(30), lineBreak: false });
    pdf.fillColor("black").text(value, mm(155), y, { width: mm(35), lineBreak: false, ellipsis: true });
    y += mm(4.5);
  }

  // Subject, greeting, intro.
  const title = doc.kind === "quote" ? t.quote : t.invoice;
  const revision = doc.revision > 1 ? ` (${t.revision} ${doc.revision})` : "";
  pdf
    .font("Helvetica-Bold")
    .fontSize(12)
    .text(`${title} ${doc.number ?? t.draft}${revision}`, LEFT, mm(98.4));
  pdf.moveDown(1.2);
  pdf
    .font("Helvetica")
    .fontSize(10)
    .text(greeting(doc.locale, doc.formality, r));
  pdf.moveDown(0.6);
  pdf.text(doc.introText ?? t.intro[doc.kind][doc.formality], { width: WIDTH });
  pdf.moveDown(1);

  drawTable(pdf, doc, money);

  pdf.moveDown(1.5);
  const deadline = doc.deadline ? formatDate(doc.deadline, doc.locale) : "";
  pdf
    .font("Helvetica")
    .fontSize(10)
    .text(doc.closingText ?? fill(t.closing[doc.kind][doc.formality], { due: deadline }), LEFT, pdf.y, {
      width: WIDTH,
    });
  pdf.moveDown(1.2);
  pdf.text(t.regards[doc.formality]);
  pdf.moveDown(0.4);
  pdf.text(doc.contactPerson.name);
  pdf.text(s.companyName);

  drawFooters(pdf, doc);
  pdf.end();
  return done;
}

type Pdf = InstanceType<typeof PDFDocument>;

function drawTable(pdf: Pdf, doc: LetterDocument, money: (amount: string) => string) {
  const t = textsFor(doc.locale);
  // Columns: pos, description, quantity + unit, unit price, discount, VAT, amount (right-aligned numbers).
  const cols = [
    { x: LEFT, w: mm(10), align: "left" as const },
    { x: LEFT + mm(10), w: mm(62), align: "left" as const },
    { x: LEFT + mm(72), w: mm(20), align: "right" as const },
    { x: LEFT + mm(92), w: mm(23), align: "right" as const },
    { x: LEFT + mm(115), w: mm(14), align: "right" as const },
    { x: LEFT + mm(129), w: mm(11), align: "right" as const },
    { x: LEFT + mm(140), w: mm(25), align: "right" as const },
  ];
  const header = [t.pos, t.description, t.quantity, t.unitPrice, t.discount, t.vat, t.amount];
  const bottom = FOOTER_TOP - mm(8);
  const drawHeader = () => {
    const top = pdf.y;
    pdf.font("Helvetica-Bold").fontSize(8.5).fillColor("black");
    header.forEach((label, i) => {
      const col = cols[i];
      if (col) pdf.text(label, col.x, top, { width: col.w, align: col.align, lineBreak: false });
    });
    pdf
      .moveTo(LEFT, top + 12)
      .lineTo(RIGHT, top + 12)
      .lineWidth(0.5)
      .strokeColor("black")
      .stroke();
    pdf.y = top + 16;
  };
  drawHeader();
  pdf.font("Helvetica").fontSize(8.5);
  doc.lines.forEach((line, index) => {
    const cells = [
      String(index + 1),
      line.description,
      `${formatDecimal(line.quantity, doc.locale)} ${line.unit}`,
      money(line.unitPrice),
      Number(line.discountPercent) > 0 ? `${formatDecimal(line.discountPercent, doc.locale)} %` : "",
      `${formatDecimal(line.vatRate, doc.locale)} %`,
      money(line.net),
    ];
    const height = Math.max(12, pdf.heightOfString(line.description, { width: mm(62) }) + 3);
    if (pdf.y + height > bottom) {
      pdf.addPage();
      pdf.y = mm(25);
      drawHeader();
      pdf.font("Helvetica").fontSize(8.5);
    }
    const top = pdf.y;
    cells.forEach((cell, i) => {
      const col = cols[i];
      if (col) pdf.text(cell, col.x, top, { width: col.w, align: col.align, lineBreak: i === 1 });
    });
    pdf.y = top + height;
  });
  if (pdf.y + mm(30) > bottom) {
    pdf.addPage();
    pdf.y = mm(25);
  }
  pdf
    .moveTo(LEFT + mm(92), pdf.y + 2)
    .lineTo(RIGHT, pdf.y + 2)
    .lineWidth(0.5)
    .stroke();
  pdf.y += 6;
  const total = (label: string, value: string, bold = false) => {
    const top = pdf.y;
    pdf.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9);
    pdf.text(label, LEFT + mm(92), top, { width: mm(48), align: "left", lineBreak: false });
    pdf.text(value, LEFT + mm(140), top, { width: mm(25), align: "right", lineBreak: false });
    pdf.y = top + 13;
  };
  total(t.net, money(doc.totals.net));
  for (const v of doc.totals.vat) total(t.vatLine(formatDecimal(v.rate, doc.locale)), money(v.amount));
  total(t.gross, money(doc.totals.gross), true);
  // What a rate of this letter means (e.g. reverse charge at 0 %), as the admin labelled it.
  const used = new Set(doc.totals.vat.map((v) => normaliseRate(v.rate)));
  const notes = (doc.sender.vatRateLabels ?? []).filter((l) => used.has(normaliseRate(l.rate)));
  if (notes.length > 0) pdf.y += 4;
  for (const note of notes) {
    pdf
      .font("Helvetica")
      .fontSize(8)
      .fillColor(GREY)
      .text(`${formatDecimal(note.rate, doc.locale)} %: ${note.label}`, LEFT, pdf.y, { width: WIDTH });
  }
  pdf.fillColor("black");
  pdf.x = LEFT;
}

function drawFooters(pdf: Pdf, doc: LetterDocument) {
  const t = textsFor(doc.locale);
  const s = doc.sender;
  const columns = [
    [s.companyName, s.street, [s.postalCode, s.city].filter(Boolean).join(" "), s.country],
    [s.phone, s.email, s.website, s.vatId ? `${t.vatId} ${s.vatId}` : ""],
    [
      s.bankName ? `${t.bank}: ${s.bankName}` : "",
      s.iban ? `IBAN ${s.iban}` : "",
      s.bic ? `BIC ${s.bic}` : "",
    ],
    [s.managingDirector ? `${t.manager}: ${s.managingDirector}` : "", s.register, s.footer],
  ].map((lines) => lines.filter(Boolean).join("\n"));
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    pdf.switchToPage(i);
    // Writing below the bottom margin would start a new page; the footer sits outside it on purpose.
    const bottomMargin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .moveTo(LEFT, FOOTER_TOP - 4)
      .lineTo(RIGHT, FOOTER_TOP - 4)
      .lineWidth(0.3)
      .strokeColor(GREY)
      .stroke();
    const width = WIDTH / columns.length;
    pdf.font("Helvetica").fontSize(6.5).fillColor(GREY);
    columns.forEach((text, c) => {
      pdf.text(text, LEFT + c * width, FOOTER_TOP, { width: width - 6, height: mm(18), lineBreak: true });
    });
    pdf.text(t.page(i - range.start + 1, range.count), LEFT, mm(297 - 8), {
      width: WIDTH,
      align: "right",
      lineBreak: false,
    });
    pdf.page.margins.bottom = bottomMargin;
  }
  pdf.fillColor("black");
}
