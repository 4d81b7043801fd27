/**
 * A cell that starts with = + - @ (or tab / carriage return) would be run as a formula by Excel and
 * LibreOffice (CSV injection, OWASP); a leading apostrophe makes it plain text. The same goes for
 * such a character right after a separator or line break inside the cell: Excel takes a quote as
 * a quote only at the start of a field, so when it splits our comma-separated lines on `;` (German
 * Excel) or tab, `x;=cmd` inside a quoted cell still starts a cell `=cmd` (issue #14).
 */
export function neutralizeFormula(value: string): string {
  // Most cells have no such character where it counts (a UUID's or a date's `-` is mid-word): one
  // test without captures spares them the replace, a third faster than testing for the characters.
  return GUARDED.test(value) ? value.replace(/(^|[;,\t\r\n])(?=[=+\-@\t\r])/g, "$1'") : value;
}

/** Whether the replace has anything to do: a risky character first or after a separator. */
const GUARDED = /(?:^|[;,\t\r\n])[=+\-@\t\r]/;
