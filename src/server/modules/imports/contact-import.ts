import { LEAD_SOURCES } from "@domain/leads/lead-source";
import { normalizePhone } from "@domain/phone-number";
import { visibleWhere } from "@server/access/permission-gate";
import { contacts } from "@server/db/schema";
import { createContact, updateContact } from "@server/modules/contacts/contact.service";
import { contactHasAnyEmail, emailKey } from "@server/modules/contacts/contact-email-keys";
import { createContactBody, updateContactBody } from "@shared/schemas/contact";
import { CONTACT_IMPORT_FIELDS, type MatchKey } from "@shared/schemas/import";
import { and, inArray, or } from "drizzle-orm";
import { CellReader } from "./cell-readers";
import { choiceWords } from "./import-mapping";
import type { ReadRow, RecordImportSpec } from "./record-import";

const SOURCE_WORDS = choiceWords(LEAD_SOURCES, "leads.source");

interface Point {
  value: string;
  type: string;
  primary: boolean;
}

/**
 * A contact's email and phone as the import changes them: the file's value becomes the primary entry
 * (the others stay); an empty value (the undo of a filled field) takes out the entry the import set.
 */
function points(
  list: Point[],
  current: string | null,
  next: unknown,
  same: (a: string, b: string) => boolean,
) {
  const others = list
    .filter((p) => !(current && same(p.value, current)))
    .map((p) => ({ ...p, primary: false }));
  if (typeof next !== "string" || next === "") return others.map((p, i) => ({ ...p, primary: i === 0 }));
  return [{ value: next, type: "work", primary: true }, ...others.filter((p) => !same(p.value, next))];
}
const sameEmail = (a: string, b: string) => emailKey(a) === emailKey(b);
const sameDigits = (a: string, b: string) => a.replace(/\D/g, "") === b.replace(/\D/g, "");

/** Contacts in the file import (issue #17): matched by any of their emails, E.164 phone or external id. */
export const CONTACT_IMPORT: RecordImportSpec = {
  entity: "contact",
  fields: CONTACT_IMPORT_FIELDS,
  choices: { leadSource: LEAD_SOURCES },
  updatable: [
    "externalId",
    "salutation",
    "title",
    "firstName",
    "lastName",
    "companyId",
    "jobTitle",
    "department",
    "email",
    "phone",
    "birthday",
    "leadSource",
    "description",
  ],
  createBody: createContactBody,
  updateBody: updateContactBody,
  fieldOfPath: (path) =>
    path.startsWith("phones")
      ? "mobile"
      : path.startsWith("addresses.0.")
        ? path.slice(12)
        : (path.split(".")[0] ?? path),

  read(cells, options): ReadRow {
    const cell = new CellReader(cells, options);
    const values: Record<string, unknown> = {};
    for (const f of ["externalId", "salutation", "title", "firstName", "lastName", "jobTitle", "department"])
      if (cells[f] !== undefined) values[f] = cells[f];
    if (cells.description !== undefined) values.description = cells.description;
    if (cells.email !== undefined) values.email = cells.email;
    if (cells.phone !== undefined) values.phone = cells.phone;
    if (cells.mobile !== undefined)
      values.phones = [{ value: cells.mobile, type: "mobile", primary: !cells.phone }];
    const address = ["street", "postalCode", "city", "country"].filter((f) => cells[f] !== undefined);
    if (address.length)
      values.addresses = [{ type: "other", ...Object.fromEntries(address.map((f) => [f, cells[f]])) }];
    const birthday = cell.day("birthday");
    if (birthday) values.birthday = birthday;
    const source = cell.choice("leadSource", LEAD_SOURCES, SOURCE_WORDS);
    if (source) values.leadSource = source;
    const keys: ReadRow["keys"] = [];
    if (cells.email) keys.push({ key: "email", value: emailKey(cells.email) });
    for (const phone of [cells.phone, cells.mobile]) {
      const e164 = phone ? normalizePhone(phone) : null;
      if (e164) keys.push({ key: "phone", value: e164 });
    }
    if (cells.externalId) keys.push({ key: "externalId", value: cells.externalId });
    const links: ReadRow["links"] = cells.companyName
      ? [
          {
            entity: "company",
            field: "companyName",
            label: cells.companyName,
            name: cells.companyName,
            creatable: true,
          },
        ]
      : [];
    return { values, keys, links, errors: cell.errors };
  },

  async match(db, ctx, keys: Map<MatchKey, string[]>) {
    const emails = keys.get("email") ?? [];
    const phones = keys.get("phone") ?? [];
    const externalIds = keys.get("externalId") ?? [];
    if (!emails.length && !phones.length && !externalIds.length) return [];
    const rows = await db
      .select({
        id: contacts.id,
        emailKeys: contacts.emailKeys,
        phone: contacts.phoneNormalized,
        externalId: contacts.externalId,
      })
      .from(contacts)
      .where(
        and(
          visibleWhere(ctx.actor, "contact", contacts),
          or(
            emails.length ? contactHasAnyEmail(emails) : undefined,
            phones.length ? inArray(contacts.phoneNormalized, phones) : undefined,
            externalIds.length ? inArray(contacts.externalId, externalIds) : undefined,
          ),
        ),
      );
    return rows.map((r) => ({
      id: r.id,
      keys: [
        ...r.emailKeys.map((k) => `email:${k}`),
        ...(r.phone ? [`phone:${r.phone}`] : []),
        ...(r.externalId ? [`externalId:${r.externalId}`] : []),
      ],
    }));
  },

  async current(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.select().from(contacts).where(inArray(contacts.id, ids));
    return new Map(
      rows.map((c) => [
        c.id,
        {
          customFields: c.customFields,
          externalId: c.externalId,
          salutation: c.salutation,
          title: c.title,
          firstName: c.firstName,
          lastName: c.lastName,
          companyId: c.companyId,
          jobTitle: c.jobTitle,
          department: c.department,
          email: c.email,
          phone: c.phone,
          birthday: c.birthday,
          leadSource: c.leadSource,
          description: c.description,
          emails: c.emails,
          phones: c.phones,
        },
      ]),
    );
  },

  async create(ctx, tx, values) {
    const made = await createContact({ ...ctx, db: tx }, createContactBody.parse(values));
    return { id: made.id, live: [] };
  },

  async update(ctx, tx, id, values, current) {
    const { email, phone, ...rest } = values;
    const input: Record<string, unknown> = { ...rest };
    if ("email" in values)
      input.emails = points(current.emails as Point[], current.email as string | null, email, sameEmail);
    if ("phone" in values)
      input.phones = points(current.phones as Point[], current.phone as string | null, phone, sameDigits);
    await updateContact({ ...ctx, db: tx }, id, updateContactBody.parse(input));
    return { live: [] };
  },
};
