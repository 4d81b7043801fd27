import { faker } from "@faker-js/faker";
import { type Bilingual, type Language, pick } from "@server/modules/seed/demo-data";

export const chance = (probability: number) => faker.datatype.boolean({ probability });

export const weighted = <T extends string>(weights: Record<T, number>): T =>
  faker.helpers.weightedArrayElement(
    (Object.entries(weights) as [T, number][])
      .filter(([, w]) => w > 0)
      .map(([value, weight]) => ({ value, weight })),
  );

/** Map.groupBy, which the ES2023 library of tsconfig does not declare yet. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

/** Up to `max` tags of the list, in the record's language. */
export const tags = (list: readonly Bilingual[], language: Language, max: number) =>
  faker.helpers.arrayElements(list, { min: 0, max }).map((t) => pick(t, language));
