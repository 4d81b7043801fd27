import { Anchor } from "@mantine/core";
import { RelativeDay } from "@web/components/relative-day";
import { PhoneText } from "@web/features/records/phone-link";
import { nodeCell, type RecordCells, recordMetaCells, textCell } from "@web/features/records/record-cells";
import { Link } from "react-router";
import type { ContactListItem } from "../contacts-api";
import type { ContactColumn } from "./contact-columns";

/** How the contact list shows each optional column. */
export const CONTACT_CELLS: RecordCells<ContactListItem, ContactColumn> = {
  company: textCell((contact) =>
    contact.companyId && contact.companyName ? (
      // The row's name is its one blue link; the company is a quiet link in the text colour (#23).
      <Anchor component={Link} to={`/companies/${contact.companyId}`} size="sm" c="var(--mantine-color-text)">
        {contact.companyName}
      </Anchor>
    ) : null,
  ),
  jobTitle: textCell((contact) => contact.jobTitle),
  department: textCell((contact) => contact.department),
  email: textCell((contact) => contact.email),
  phone: textCell((contact) => contact.phone && <PhoneText value={contact.phone} />),
  city: textCell((contact) => contact.addresses.find((a) => a.city)?.city ?? null),
  lastActivity: nodeCell((contact) =>
    contact.lastActivityAt ? <RelativeDay at={contact.lastActivityAt} /> : null,
  ),
  ...recordMetaCells<ContactListItem>(),
};
