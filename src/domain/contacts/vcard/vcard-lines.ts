import { msg } from "@shared/message-codes";
/**
 * The line-level part of reading .vcf files as other programs write them, before ical.js parses a
 * card: unfolding (RFC 6350 §3.2), vCard 2.1's bare parameters (`TEL;WORK;VOICE:`) and
 * QUOTED-PRINTABLE values with soft line breaks (Outlook, old Android and Nokia exports), cut into
 * cards with the line each property starts on, so errors can name it.
 */

export interface CardLine {
  /** 1-based line in the file where the property starts. */
  line: number;
  text: string;
}

export interface RawCard {
  /** 1-based position in the file. */
  index: number;
  line: number;
  lines: CardLine[];
  /** A structural problem (no END:VCARD); the card is not parsed then. */
  problem: string | null;
}

/** Binary properties Leadwerk does not store; dropping them early keeps big PHOTO blocks out of parsing. */
const IGNORED = new Set(["PHOTO", "LOGO", "SOUND", "KEY"]);

const isQuotedPrintable = (text: string) =>
  /;\s*(ENCODING=)?QUOTED-PRINTABLE\s*[;:]/i.test(`${text.split(":")[0]}:`);

/** Physical lines to logical ones, each with the line it starts on. */
export function unfold(text: string): CardLine[] {
  const physical = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const logical: CardLine[] = [];
  let softBreak = false;
  for (const [i, raw] of physical.entries()) {
    const last = logical[logical.length - 1];
    if (last && softBreak) {
      last.text = last.text.slice(0, -1) + raw;
    } else if (last && /^[ \t]/.test(raw)) {
      last.text += raw.slice(1);
    } else if (raw.trim() === "") {
      softBreak = false;
      continue;
    } else {
      logical.push({ line: i + 1, text: raw });
    }
    const current = logical[logical.length - 1];
    softBreak = current !== undefined && isQuotedPrintable(current.text) && current.text.endsWith("=");
  }
  return logical;
}

/** Splits at `sep` outside double quotes. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === sep && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(value[i]));
  }
  const data = new Uint8Array(bytes);
  if (/^(windows-1252|cp1252|iso-8859-1|latin1|us-ascii)$/i.test(charset)) return decodeWindows1252(data);
  try {
    return new TextDecoder(charset, { fatal: true }).decode(data);
  } catch {
    // No or a wrong CHARSET: Outlook and old phones meant their Windows code page.
    return decodeWindows1252(data);
  }
}

/** 0x80–0x9F of Windows-1252 (€, „, “, …); Node's small ICU decodes them as Latin-1 controls. */
const CP1252_HIGH =
  "\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd" +
  "\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178";

function decodeWindows1252(data: Uint8Array): string {
  let out = "";
  for (const byte of data)
    out += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return out;
}

/**
 * One property line in the form ical.js reads (vCard 3.0/4.0): bare 2.1 parameters become TYPE=,
 * QUOTED-PRINTABLE values are decoded (and their `;` kept as separators), CHARSET is dropped. null for
 * a property that is skipped.
 */
export function normalizeLine(text: string): string | null {
  const colon = splitOutsideQuotes(text, ":");
  if (colon.length < 2) return text; // let the parser report it with its own words
  const head = colon[0] ?? "";
  let value = colon.slice(1).join(":");
  const [nameWithGroup = "", ...params] = splitOutsideQuotes(head, ";");
  const name = nameWithGroup.split(".").pop()?.toUpperCase() ?? "";
  if (IGNORED.has(name)) return null;
  if (name === "VERSION" && value.trim() === "2.1") return "VERSION:3.0";
  let charset = "utf-8";
  let qp = false;
  const kept: string[] = [];
  for (const param of params) {
    const [key = "", ...rest] = param.split("=");
    const upper = key.trim().toUpperCase();
    if (rest.length === 0) {
      if (upper === "QUOTED-PRINTABLE") qp = true;
      else if (upper === "BASE64" || /^(7|8)BIT$/.test(upper)) continue;
      else kept.push(`TYPE=${key.trim()}`);
      continue;
    }
    const paramValue = rest.join("=");
    if (upper === "ENCODING") {
      if (paramValue.toUpperCase() === "QUOTED-PRINTABLE") qp = true;
      continue;
    }
    if (upper === "CHARSET") {
      charset = paramValue;
      continue;
    }
    kept.push(param);
  }
  if (qp) {
    // Decode each component separately: an encoded ";" (=3B) is text, a literal one separates.
    value = value
      .split(";")
      .map((part) => decodeQuotedPrintable(part, charset).replace(/[;,]/g, "\\$&").replace(/\r?\n/g, "\\n"))
      .join(";");
  }
  return `${[nameWithGroup, ...kept].join(";")}:${value}`;
}

/** The file cut into cards between BEGIN:VCARD and END:VCARD; text outside them is ignored. */
export function splitCards(text: string): RawCard[] {
  const cards: RawCard[] = [];
  let current: RawCard | null = null;
  for (const line of unfold(text)) {
    const upper = line.text.trim().toUpperCase();
    if (upper === "BEGIN:VCARD") {
      if (current) cards.push({ ...current, problem: msg("vcard_no_end") });
      current = { index: cards.length + 1, line: line.line, lines: [], problem: null };
    } else if (upper === "END:VCARD") {
      if (current) cards.push(current);
      current = null;
    } else if (current) {
      current.lines.push(line);
    }
  }
  if (current) cards.push({ ...current, problem: msg("vcard_no_end") });
  return cards;
}
