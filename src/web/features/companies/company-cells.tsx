import { RelativeDay } from "@web/components/relative-day";
import { PhoneText } from "@web/features/records/phone-link";
import {
  countCell,
  nodeCell,
  type RecordCells,
  recordMetaCells,
  textCell,
} from "@web/features/records/record-cells";
import type { CompanyListItem } from "./companies-api";
import type { CompanyColumn } from "./company-columns";

/** How the company list shows each optional column. */
export const COMPANY_CELLS: RecordCells<CompanyListItem, CompanyColumn> = {
  industry: textCell((company) => company.industry),
  contacts: countCell((company) => company.contactCount),
  openDeals: countCell((company) => company.openDealCount),
  lastActivity: nodeCell((company) =>
    company.lastActivityAt ? <RelativeDay at={company.lastActivityAt} /> : null,
  ),
  website: textCell((company) => company.domain ?? company.website),
  phone: textCell((company) => company.phone && <PhoneText value={company.phone} />),
  email: textCell((company) => company.email),
  size: textCell((company) => company.size),
  city: textCell((company) => company.billingAddress?.city ?? company.shippingAddress?.city ?? null),
  vatId: textCell((company) => company.vatId),
  ...recordMetaCells<CompanyListItem>(),
};
