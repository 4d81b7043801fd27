import { Anchor } from "@mantine/core";
import { type RecordCells, recordMetaCells, textCell } from "@web/features/records/record-cells";
import { Link } from "react-router";
import type { Contact } from "../contacts-api";
import type { ContactColumn } from "./contact-columns";

/** How the contact list shows each optional column. */
export const CONTACT_CELLS: RecordCells<Contact, ContactColumn> = {
  company: textCell((contact) =>
    contact.companyId && contact.companyName ? (
      <Anchor component={Link} to={`/companies/${contact.companyId}`} size="sm">
        {contact.companyName}
      </Anchor>
    ) : null,
  ),
  jobTitle: textCell((contact) => contact.jobTitle),
  department: textCell((contact) => contact.department),
  email: textCell((contact) => contact.email),
  phone: textCell((contact) => contact.phone),
  city: textCell((contact) => contact.addresses.find((a) => a.city)?.city ?? null),
  ...recordMetaCells<Contact>(),
};
