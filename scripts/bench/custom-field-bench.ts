import type { Database } from "@server/db/client";
import { sql } from "drizzle-orm";
import type { BenchActor } from "./bench-app";
import type { Operation } from "./operations";

/**
 * Issue #20: the lead list filtered and sorted by filterable custom fields (goal p95 ≤ 50 ms at 1M
 * leads). The fields come from scripts/bench/seed-custom-fields.ts; a database without them has no
 * such operations.
 */
export interface CustomFieldFixture {
  /** One option of "branche" (an eighth of the leads that have values). */
  branche: string;
  /** A "mitarbeiterzahl" range of mid-sized firms. */
  staff: { gte: number; lte: number };
}

export async function loadCustomFieldFixture(database: Database): Promise<CustomFieldFixture | null> {
  const result = await database.db.execute(sql`
    select key, options from custom_field_definitions
    where entity = 'lead' and key in ('branche', 'mitarbeiterzahl') and filterable and deleted_at is null`);
  const rows = (result as unknown as { rows: { key: string; options: { value: string }[] }[] }).rows;
  const branche = rows.find((r) => r.key === "branche")?.options.find((o) => o.value === "logistik");
  if (!branche || !rows.some((r) => r.key === "mitarbeiterzahl")) return null;
  return { branche: branche.value, staff: { gte: 50, lte: 250 } };
}

export function customFieldOperations(
  actor: BenchActor,
  fixture: CustomFieldFixture | null,
  fields: string,
): Operation[] {
  if (!fixture) return [];
  const leads = "/api/v1/leads";
  const op = (name: string, path: string): Operation => ({
    name,
    kind: "list",
    actor,
    request: { kind: "get", paths: [path] },
    explainPath: path,
  });
  const { gte, lte } = fixture.staff;
  return [
    op(`list, cf.branche=${fixture.branche}`, `${leads}?cf.branche=${fixture.branche}&${fields}`),
    op(
      `list, cf.mitarbeiterzahl ${gte}…${lte}`,
      `${leads}?cf.mitarbeiterzahl[gte]=${gte}&cf.mitarbeiterzahl[lte]=${lte}&${fields}`,
    ),
    op("list, sort=cf.mitarbeiterzahl", `${leads}?sort=cf.mitarbeiterzahl&${fields}`),
  ];
}
