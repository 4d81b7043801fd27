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
  /** The unfolded property; only its head (name and parameters) when it is too long. */
  text: string;
  /** Longer than `VCARD_LIMITS.propertyLength`: not joined, not parsed. */
  tooLong?: boolean;
}

export interface RawCard {
  /** 1-based position in the file. */
  index: number;
  line: number;
  lines: CardLine[];
  /** A structural problem (no END:VCARD, past a limit) and its line; the card is not parsed then. */
  problem: { line: number; message: string } | null;
}

/**
 * What one card may hold, so reading any file of the allowed size takes time in proportion to its
 * size (issue #14: a card of a few hundred thousand folded lines used to take a minute). Real cards
 * are far below: a contact keeps at most 20 emails and phones, 10 addresses and a 10,000-character
 * note (up to 6 characters each when quoted-printable); photos are dropped before these apply.
 */
export const VCARD_LIMITS = {
  propertyLength: 65_536,
  /** `;` and `,` in one property: ical.js takes a while over each component of a structured value. */
  separators: 1000,
  propertiesPerCard: 500,
  cardLength: 262_144,
};

/** How many physical lines a reader works through between two pauses (see `readVcardSteps`). */
export const LINES_PER_STEP = 5000;

/** Binary properties Leadwerk does not store; dropping them early keeps big PHOTO blocks out of parsing. */
const IGNORED = new Set(["PHOTO", "LOGO", "SOUND", "KEY"]);

const isQuotedPrintable = (head: string) => /;\s*(ENCODING=)?QUOTED-PRINTABLE\s*[;:]/i.test(`${head}:`);

const propertyName = (text: string) =>
  (text.split(/[;:]/)[0] ?? "").split(".").pop()?.trim().toUpperCase() ?? "";

/**
 * One logical line being put together from its physical lines. The pieces are joined once at the
 * end (appending to and re-reading one growing string made unfolding quadratic), and whether it is
 * quoted-printable is read once, from the head before the first colon.
 */
class LogicalLine {
  private readonly pieces: string[];
  private length: number;
  private head: string | null = null;
  private quotedPrintable = false;

  constructor(
    readonly line: number,
    first: string,
  ) {
    this.pieces = [];
    this.length = 0;
    this.append(first);
  }

  append(piece: string): void {
    this.pieces.push(piece);
    this.length += piece.length;
    if (this.head === null && piece.includes(":")) {
      const text = this.pieces.join("");
      this.head = text.slice(0, text.indexOf(":"));
      this.quotedPrintable = isQuotedPrintable(this.head);
    }
  }

  /** Drops the `=` of a quoted-printable soft line break. */
  dropLastChar(): void {
    while (this.pieces.length > 1 && this.pieces[this.pieces.length - 1] === "") this.pieces.pop();
    const last = this.pieces.length - 1;
    this.pieces[last] = (this.pieces[last] ?? "").slice(0, -1);
    this.length -= 1;
  }

  /** A quoted-printable value ending in `=`: the next physical line continues it. */
  get softBreak(): boolean {
    if (!this.quotedPrintable) return false;
    for (let i = this.pieces.length - 1; i >= 0; i--) {
      const piece = this.pieces[i] ?? "";
      if (piece !== "") return piece.endsWith("=");
    }
    return false;
  }

  finish(): CardLine {
    if (this.length <= VCARD_LIMITS.propertyLength) return { line: this.line, text: this.pieces.join("") };
    return { line: this.line, text: this.head ?? (this.pieces[0] ?? "").slice(0, 200), tooLong: true };
  }
}

/**
 * Physical lines to logical ones, each with the line it starts on. A generator that also yields
 * `null` every `LINES_PER_STEP` physical lines, so a caller can pause between steps.
 */
export function* unfoldSteps(text: string): Generator<CardLine | null> {
  let current: LogicalLine | null = null;
  let softBreak = false;
  let i = -1;
  for (const raw of physicalLines(text)) {
    i += 1;
    if (i > 0 && i % LINES_PER_STEP === 0) yield null;
    if (current && softBreak) {
      current.dropLastChar();
      current.append(raw);
    } else if (current && /^[ \t]/.test(raw)) {
      current.append(raw.slice(1));
    } else if (raw.trim() === "") {
      softBreak = false;
      continue;
    } else {
      if (current) yield current.finish();
      current = new LogicalLine(i + 1, raw);
    }
    softBreak = current.softBreak;
  }
  if (current) yield current.finish();
}

/** The lines of a file (CRLF, LF or CR), read as they are asked for rather than split all at once. */
function* physicalLines(text: string): Generator<string> {
  const breaks = /\r\n|\n|\r/g;
  let start = text.startsWith("\uFEFF") ? 1 : 0;
  for (let match = breaks.exec(text); match !== null; match = breaks.exec(text)) {
    yield text.slice(start, match.index);
    start = breaks.lastIndex;
  }
  yield text.slice(start);
}

/** Physical lines to logical ones, each with the line it starts on. */
export function unfold(text: string): CardLine[] {
  return [...unfoldSteps(text)].filter((line) => line !== null);
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

const utf8 = new TextEncoder();

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else for (const byte of utf8.encode(value[i])) bytes.push(byte);
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

/**
 * The file cut into cards between BEGIN:VCARD and END:VCARD; text outside them is ignored. Yields
 * each card when it ends, and `null` between steps of work (see `unfoldSteps`). A card past the
 * limits keeps its problem and not its lines.
 */
const separators = (text: string) => text.match(/[;,]/g)?.length ?? 0;

const noEnd = (line: number) => ({ line, message: msg("vcard_no_end") });

export function* splitCardSteps(text: string): Generator<RawCard | null> {
  let current: (RawCard & { length: number }) | null = null;
  let count = 0;
  const done = (card: RawCard & { length: number }): RawCard => {
    const { length: _length, ...raw } = card;
    return raw;
  };
  for (const line of unfoldSteps(text)) {
    if (line === null) {
      yield null;
      continue;
    }
    const upper = line.tooLong ? "" : line.text.trim().toUpperCase();
    if (upper === "BEGIN:VCARD") {
      if (current) yield done({ ...current, problem: current.problem ?? noEnd(current.line) });
      count += 1;
      current = { index: count, line: line.line, lines: [], problem: null, length: 0 };
    } else if (upper === "END:VCARD") {
      if (current) yield done(current);
      current = null;
    } else if (current && current.problem === null) {
      if (IGNORED.has(propertyName(line.text))) continue;
      current.length += line.text.length;
      const at = line.line;
      if (line.tooLong)
        current.problem = {
          line: at,
          message: msg("vcard_line_too_long", { max: VCARD_LIMITS.propertyLength }),
        };
      else if (current.lines.length >= VCARD_LIMITS.propertiesPerCard)
        current.problem = {
          line: at,
          message: msg("vcard_too_many_lines", { max: VCARD_LIMITS.propertiesPerCard }),
        };
      else if (separators(line.text) > VCARD_LIMITS.separators)
        current.problem = {
          line: at,
          message: msg("vcard_too_many_separators", { max: VCARD_LIMITS.separators }),
        };
      else if (current.length > VCARD_LIMITS.cardLength)
        current.problem = { line: at, message: msg("vcard_card_too_long", { max: VCARD_LIMITS.cardLength }) };
      if (current.problem) current.lines = [];
      else current.lines.push(line);
    }
  }
  if (current) yield done({ ...current, problem: current.problem ?? noEnd(current.line) });
}

/** The file cut into cards between BEGIN:VCARD and END:VCARD; text outside them is ignored. */
export function splitCards(text: string): RawCard[] {
  return [...splitCardSteps(text)].filter((card) => card !== null);
}
