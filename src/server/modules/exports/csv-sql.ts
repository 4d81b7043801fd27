import { countryLineTable } from "@domain/addresses/address-block";
import { type SQL, sql } from "drizzle-orm";
import { type CellKind, EXPORT_TIME_ZONE, HOME_LOOKUP, type Lookups } from "./cell-format";
import { type ExportLocale, uiGroup, uiText } from "./export-labels";

/**
 * A CSV cell's text made by PostgreSQL (the lead CSV's COPY, csv-copy.ts): the same text as
 * `cellFormatter(...).textOf(kind)` makes of the value in table-export.ts (the formula guard and the
 * quoting are the app's, as in the JS path: `csvRowSink` of csv-copy.ts). The JS path stays the
 * reference (`csv-copy.postgres.test.ts` diffs the two files).
 * Where the two would differ (values the API never stores, listed in ARCHITECTURE.md) the SQL follows
 * the common case.
 */

/** Where a column's value comes from in SQL. */
export type SqlSource =
  /** A column or an expression over columns. */
  | { expr: SQL; json?: false }
  /** A jsonb value (a custom field), absent as SQL NULL. */
  | { expr: SQL; json: true }
  /** The parts of a DIN 5008 address block (`addressBlock` of @domain/addresses). */
  | { address: AddressSql };

export interface AddressSql {
  /** Whether there is an address at all (the JS column's test: street, postal code or city). */
  present: SQL;
  company: SQL;
  person: SQL[];
  street: SQL;
  postalCode: SQL;
  city: SQL;
  country: SQL;
}

/** A cell's SQL: its text before the formula guard and quoting. */
export interface CellSql {
  text: SQL;
}

const MASK = "FM999,999,999,999,999,999,999,990";
/** JavaScript's `\s` (and `trim()`): ECMAScript WhiteSpace and LineTerminator. */
const SPACES = "[\t\n\u000b\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+";

/** Every white space character but the plain space (SPACES without it). */
const OTHER_SPACES = "\t\n\u000b\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
/** A text `clean` changes: a leading or trailing space, two in a row, or any other white space. */
const UNCLEAN = `^ | $|  |[${OTHER_SPACES}]`;

/**
 * `clean` of address-block.ts: white space runs as one space, trimmed, empty as NULL. Most texts
 * have single spaces between words only and stay as they are: one regular expression test finds
 * those without the replace (three quarters of the address block's CPU went to the 21 strpos, ascii
 * and right tests per text this test replaced: BENCHMARKS.md, h-export14).
 */
const clean = (text: SQL) =>
  sql`(case when ${text} !~ ${UNCLEAN} then nullif(${text}, '') else nullif(btrim(regexp_replace(${text}, ${SPACES}, ' ', 'g'), ' '), '') end)`;
/** `join` of address-block.ts: the cleaned parts with one space, NULL when none is left. */
const joined = (parts: SQL[]) =>
  sql`nullif(concat_ws(' ', ${sql.join(
    parts.map((p) => clean(p)),
    sql`, `,
  )}), '')`;

const jsonMap = (entries: Iterable<[string, string | null]>) => {
  const map: Record<string, string | null> = {};
  for (const [key, value] of entries) map[key] = value;
  return sql`${JSON.stringify(map)}::jsonb`;
};

/** A choice's codes and their UI labels (`uiText` of each code in the group). */
function choiceLabels(locale: ExportLocale, path: string): SQL {
  const group = uiGroup(locale, path);
  const codes = group !== null && typeof group === "object" ? Object.keys(group) : [];
  return jsonMap(codes.map((code) => [code, uiText(locale, `${path}.${code}`)]));
}

/** The number formats of `Intl.NumberFormat` de-DE / en-GB: grouping, decimal comma or point. */
function localNumber(locale: ExportLocale, text: SQL): SQL {
  return locale === "de" ? sql`translate(${text}, ',.', '.,')` : text;
}
const decimal = (locale: ExportLocale, n: SQL) =>
  localNumber(locale, sql`rtrim(to_char(round(${n}, 6), ${`${MASK}.999999`}), '.')`);
const money = (locale: ExportLocale, n: SQL) => localNumber(locale, sql`to_char(${n}, ${`${MASK}.00`})`);

/** A JSON value's text (strings unquoted), NULL when absent, JSON null or "". */
const jsonText = (v: SQL) => sql`nullif(${v} #>> '{}', '')`;
const NUMERIC = "^-?[0-9]+(\\.[0-9]+)?$";

/**
 * The SQL text of one cell before the guard and quoting (never NULL), or null when this kind is not
 * written in SQL (the export then takes the JS path).
 */
export function cellSql(
  kind: CellKind,
  source: SqlSource,
  locale: ExportLocale | "raw",
  lookups: Lookups,
): CellSql | null {
  if ("address" in source)
    return kind.type === "address" ? addressSql(source.address, locale, lookups) : null;
  const { expr: v } = source;
  const text = (inner: SQL): CellSql => ({ text: sql`coalesce(${inner}, '')` });
  if (source.json) {
    const t = jsonText(v);
    // Present: neither absent, null nor "" (isEmpty of cell-format.ts).
    const when = (inner: SQL) => sql`case when ${t} is null then '' else ${inner} end`;
    const arrayOr = (element: SQL, scalar: SQL) =>
      sql`case jsonb_typeof(${v}) when 'array' then coalesce((select string_agg(${element}, ', ' order by o) from jsonb_array_elements_text(${v}) with ordinality as x(e, o)), '') else ${scalar} end`;
    if (locale === "raw") return { text: when(arrayOr(sql`coalesce(e, '')`, t)) };
    switch (kind.type) {
      case "text":
        return text(t);
      case "number":
      case "money": {
        const format = kind.type === "number" ? decimal : money;
        return {
          text: when(
            sql`case when ${t} ~ ${NUMERIC} then ${format(locale, sql`(${t})::numeric`)} else ${t} end`,
          ),
        };
      }
      case "date": {
        const sep = locale === "de" ? "." : "/";
        return {
          text: when(
            sql`case when ${t} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' and left(${t}, 4) <> '0000' then substr(${t}, 9, 2) || ${sep} || substr(${t}, 6, 2) || ${sep} || left(${t}, 4) else ${t} end`,
          ),
        };
      }
      case "boolean":
        return {
          text: when(
            sql`case when ${v} in ('false'::jsonb, '0'::jsonb) then ${uiText(locale, "export.no")} else ${uiText(locale, "export.yes")} end`,
          ),
        };
      case "ref": {
        const names = lookups[kind.lookup];
        return text(names ? sql`coalesce(${jsonMap(names)} ->> ${t}, ${t})` : t);
      }
      case "options": {
        const labels = jsonMap([...kind.labels].map(([code, label]) => [code, label[locale]]));
        return {
          text: when(
            arrayOr(
              sql`coalesce(${labels} ->> coalesce(e, 'null'), coalesce(e, 'null'))`,
              sql`coalesce(${labels} ->> ${t}, ${t})`,
            ),
          ),
        };
      }
      default:
        return null;
    }
  }
  if (locale === "raw") {
    switch (kind.type) {
      case "dateTime":
        return text(sql`to_char(${v} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
      case "list":
        return text(sql`array_to_string(${v}, ', ')`);
      case "text":
      case "number":
      case "money":
      case "boolean":
      case "choice":
      case "ref":
        return text(sql`(${v})::text`);
      default:
        return null;
    }
  }
  switch (kind.type) {
    case "text":
      return text(v);
    case "list":
      return text(sql`array_to_string(${v}, ', ')`);
    case "dateTime": {
      const pattern = locale === "de" ? "DD.MM.YYYY HH24:MI" : "DD/MM/YYYY HH24:MI";
      return text(sql`to_char(${v} at time zone ${EXPORT_TIME_ZONE}, ${pattern})`);
    }
    case "number":
      return text(decimal(locale, v));
    case "money":
      return text(money(locale, v));
    case "boolean":
      return text(
        sql`case when ${v} then ${uiText(locale, "export.yes")} when not ${v} then ${uiText(locale, "export.no")} end`,
      );
    case "choice":
      return text(sql`coalesce(${choiceLabels(locale, kind.labels)} ->> ${v}, ${v})`);
    case "ref": {
      const names = lookups[kind.lookup];
      return text(
        names ? sql`coalesce(${jsonMap(names)} ->> (${v})::text, (${v})::text)` : sql`(${v})::text`,
      );
    }
    default:
      return null;
  }
}

/**
 * The address block's lines joined by line breaks, as `addressBlock` writes them; the country line
 * from the table of every code and name the domain knows, else the typed text in capitals.
 */
function addressSql(a: AddressSql, locale: ExportLocale | "raw", lookups: Lookups): CellSql {
  const homeCountry = lookups[HOME_LOOKUP]?.get(HOME_LOOKUP) ?? "DE";
  const table = countryLineTable({ homeCountry, locale: locale === "raw" ? "de" : locale });
  const codes = jsonMap(table.codes);
  const names = jsonMap(table.names);
  const typed = clean(a.country);
  // A country typed as its code (what forms and imports store) is looked up as it stands.
  const country = sql`case
    when (${codes} -> ${a.country}) is not null then ${codes} ->> ${a.country}
    when length(${typed}) = 2 and (${codes} -> upper(${typed})) is not null then ${codes} ->> upper(${typed})
    when (${names} -> lower(${typed})) is not null then ${names} ->> lower(${typed})
    else replace(upper(${typed}), 'ß', 'SS') end`;
  const lines = [
    clean(a.company),
    joined(a.person),
    clean(a.street),
    joined([a.postalCode, a.city]),
    country,
  ];
  return {
    text: sql`case when ${a.present} then concat_ws(${"\n"}, ${sql.join(lines, sql`, `)}) else '' end`,
  };
}
