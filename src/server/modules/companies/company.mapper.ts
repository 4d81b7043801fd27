import type { Principal } from "@domain/access-policy";
import { abilitiesOf } from "@domain/policy/policy";
import { customFieldsOfRow } from "@server/modules/custom-fields/custom-field.mapper";
import type { Company } from "@shared/schemas/company";
import type { CompanyRow } from "./company.repository";

type Address = NonNullable<Company["billingAddress"]>;
const str = (v: unknown) => (typeof v === "string" ? v : null);

function address(value: unknown): Address | null {
  if (typeof value !== "object" || value === null) return null;
  const a = value as Record<string, unknown>;
  return { street: str(a.street), postalCode: str(a.postalCode), city: str(a.city), country: str(a.country) };
}

/**
 * The API shape of a company as `reader` sees it, from explicit columns only (search_text never leaks).
 */
export function toCompany(row: CompanyRow, reader: Principal): Company {
  return {
    id: row.id,
    version: row.version,
    externalId: row.externalId,
    name: row.name,
    website: row.website,
    domain: row.domain,
    industry: row.industry,
    size: row.size,
    vatId: row.vatId,
    phone: row.phone,
    email: row.email,
    billingAddress: address(row.billingAddress),
    shippingAddress: address(row.shippingAddress),
    parentCompanyId: row.parentCompanyId,
    ownerId: row.ownerId,
    teamId: row.teamId,
    description: row.description,
    tags: row.tags,
    customFields: customFieldsOfRow(row.customFields),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: abilitiesOf(reader, "company", row),
  };
}
