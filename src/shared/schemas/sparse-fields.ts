/**
 * What `fields=a,b,c` on a list says (issue #22 point 7): `csv(record.keyof())` checks each name (an
 * unknown one is a 400 at `fields.N`); id and version come along anyway. Leads have it since #15 (their
 * own SQL projection); the other lists cut their mapped records down (src/server/http/sparse-fields.ts).
 */
export const fieldsDescription = (noun: string) =>
  `Comma-separated fields each ${noun} of the page should carry (id and version always do); all when omitted`;
