import { type RecordCells, recordMetaCells, textCell } from "@web/features/records/record-cells";
import type { Company } from "./companies-api";
import type { CompanyColumn } from "./company-columns";

/** How the company list shows each optional column. */
export const COMPANY_CELLS: RecordCells<Company, CompanyColumn> = {
  industry: textCell((company) => company.industry),
  website: textCell((company) => company.domain ?? company.website),
  phone: textCell((company) => company.phone),
  email: textCell((company) => company.email),
  size: textCell((company) => company.size),
  city: textCell((company) => company.billingAddress?.city ?? company.shippingAddress?.city ?? null),
  vatId: textCell((company) => company.vatId),
  ...recordMetaCells<Company>(),
};
