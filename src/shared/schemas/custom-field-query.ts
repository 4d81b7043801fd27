import { z } from "zod";

/**
 * Custom fields in list queries (issue #20 point 1, API.md "list filter `cf.<key>=`"): a filter per
 * field as its own query parameter, `cf.<key>=value` (choices, users: comma-separated, any of),
 * `cf.<key>[gte]=` / `cf.<key>[lte]=` (numbers, money amounts, dates), `cf.<key>[empty]=true|false`,
 * and `sort=cf.<key>` / `sort=-cf.<key>`. The routes gather the `cf.` parameters into `cf`
 * (gatherCustomFieldParams) before validation; the list services check them against the entity's
 * definitions and answer a 400 naming `cf.<key>` for an unknown key or a value of the wrong type.
 */
export const CF_PARAM = /^cf\.([a-z][a-zA-Z0-9_]{0,39})(?:\[(gte|lte|empty)\])?$/;
export const CF_SORT = /^-?cf\.[a-z][a-zA-Z0-9_]{0,39}$/;
const cfKey = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/);

export const customFieldParams = z
  .record(z.string().startsWith("cf."), z.string().max(2000))
  .optional()
  .describe(
    "Custom field filters, each its own parameter: `cf.<key>=value` (choices and users comma-separated, any of; checkbox true/false), `cf.<key>[gte]=` and `cf.<key>[lte]=` for numbers, money and dates, `cf.<key>[empty]=true|false`",
  );

/** A list's `sort`: one of its own fields or a custom field (`cf.<key>`), a leading minus descending. */
export function listSort<const S extends string>(sorts: readonly S[]) {
  return z.union([
    z.enum([...sorts, ...sorts.map((s) => `-${s}` as `-${S}`)]),
    z.templateLiteral(["cf.", cfKey]),
    z.templateLiteral(["-cf.", cfKey]),
  ]);
}

/** `sort=cf.size` → "size"; a sort by a record's own field → null. */
export const customFieldSortKey = (sort: string): string | null =>
  CF_SORT.test(sort) ? sort.replace(/^-?cf\./, "") : null;
