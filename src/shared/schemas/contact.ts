import { FORMALITIES } from "@domain/contacts/letter-salutation";
import { LEAD_SOURCES } from "@domain/leads/lead-source";
import { msg } from "@shared/message-codes";
import { z } from "zod";
import { contactAbilitiesSchema } from "./abilities";
import { csv, idSchema, isoDateTime, listQuery, recordListFilters, text, versionField } from "./common";
import { customFieldsInput, customFieldsOutput } from "./custom-field";
import { customFieldParams, listSort } from "./custom-field-query";
import {
  optionalText,
  phoneSchema,
  phoneValueSchema,
  postalAddressFields,
  postalAddressResponse,
  tagsSchema,
} from "./fields";
import { fieldsDescription } from "./sparse-fields";
import {
  externalIdFilter,
  externalIdInput,
  externalIdOutput,
  syncableLimit,
  updatedSinceParam,
} from "./sync";

export const EMAIL_TYPES = ["work", "private", "other"] as const;
export const PHONE_TYPES = ["work", "mobile", "private", "fax", "other"] as const;
export const ADDRESS_TYPES = ["billing", "shipping", "private", "other"] as const;
export type EmailType = (typeof EMAIL_TYPES)[number];
export type PhoneType = (typeof PHONE_TYPES)[number];
export type AddressType = (typeof ADDRESS_TYPES)[number];

const emailValue = z.email(msg("email_invalid")).max(254);

/**
 * At most one primary entry, each value once. Issues point at the offending entry
 * (`emails.1.primary`, `phones.2.value`) so a form can show them beside it.
 */
const pointListRules =
  (label: string, key: (value: string) => string) =>
  (list: { value: string; primary: boolean }[], ctx: z.RefinementCtx) => {
    let primarySeen = false;
    const seen = new Set<string>();
    for (const [i, entry] of list.entries()) {
      if (entry.primary && primarySeen)
        ctx.addIssue({ code: "custom", path: [i, "primary"], message: msg("one_primary", { kind: label }) });
      primarySeen ||= entry.primary;
      const k = key(entry.value);
      if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i, "value"], message: msg("duplicate_entry") });
      seen.add(k);
    }
  };

export const contactEmailsSchema = z
  .array(
    z.strictObject({
      value: emailValue,
      type: z.enum(EMAIL_TYPES).default("work"),
      primary: z.boolean().default(false),
    }),
  )
  .max(20)
  .superRefine(pointListRules("email", (v) => v.trim().toLowerCase()))
  .describe("Email addresses; one primary (the first when none is marked)");

export const contactPhonesSchema = z
  .array(
    z.strictObject({
      value: phoneValueSchema,
      type: z.enum(PHONE_TYPES).default("work"),
      primary: z.boolean().default(false),
    }),
  )
  .max(20)
  .superRefine(pointListRules("phone number", (v) => v.replace(/\D/g, "")))
  .describe("Phone numbers; one primary (the first when none is marked)");

export const contactAddressSchema = z.strictObject({
  type: z.enum(ADDRESS_TYPES).default("other"),
  ...postalAddressFields,
});

export const marketingConsentInput = z
  .strictObject({
    given: z.boolean(),
    source: optionalText(200).describe("Where the consent was given, e.g. a form or event"),
    at: isoDateTime.nullish().describe("When; defaults to now whenever `given` changes"),
  })
  .describe("GDPR marketing consent with its source and time");

const contactFields = {
  externalId: externalIdInput,
  salutation: optionalText(40),
  title: optionalText(60).describe("Academic title, e.g. Dr."),
  formality: z.enum(FORMALITIES).optional().describe("Sie (formal, the default) or Du (informal)"),
  firstName: optionalText(100),
  lastName: text(100),
  companyId: idSchema.nullish().describe("The company the contact works for; must be visible to you"),
  jobTitle: optionalText(150),
  department: optionalText(150),
  emails: contactEmailsSchema.optional(),
  phones: contactPhonesSchema.optional(),
  email: emailValue
    .nullish()
    .describe("Shortcut: makes this the primary email (added as work email when not listed)"),
  phone: phoneSchema.describe("Shortcut: makes this the primary phone (added as work phone when not listed)"),
  addresses: z.array(contactAddressSchema).max(10).optional(),
  birthday: z.iso
    .date()
    .refine((d) => d <= new Date().toISOString().slice(0, 10), msg("birthday_future"))
    .nullish(),
  leadSource: z.enum(LEAD_SOURCES).nullish().describe("How the contact first came to us"),
  ownerId: idSchema.nullish().describe("Defaults to the creator; null for no owner"),
  teamId: idSchema.nullish().describe("Defaults to the creator's team"),
  description: optionalText(10_000),
  tags: tagsSchema.optional(),
  customFields: customFieldsInput,
  marketingConsent: marketingConsentInput.optional(),
};

export const createContactBody = z.strictObject(contactFields);
export const updateContactBody = z
  .strictObject(contactFields)
  .partial()
  .extend({ version: versionField.optional() });
export type CreateContactInput = z.infer<typeof createContactBody>;
export type UpdateContactInput = z.infer<typeof updateContactBody>;

/** The stored contact as answered (no transforms: response schemas are encoded, not parsed). */
export const contactSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  externalId: externalIdOutput,
  salutation: z.string().nullable(),
  title: z.string().nullable(),
  formality: z.enum(FORMALITIES).describe("Sie (formal) or Du (informal): which letter salutation applies"),
  firstName: z.string().nullable(),
  lastName: z.string(),
  companyId: idSchema.nullable(),
  companyName: z.string().nullable().describe("Name of the linked company when it is visible to you"),
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  emails: z.array(z.object({ value: z.string(), type: z.enum(EMAIL_TYPES), primary: z.boolean() })),
  phones: z.array(z.object({ value: z.string(), type: z.enum(PHONE_TYPES), primary: z.boolean() })),
  email: z.string().nullable().describe("The primary email (read-only mirror of `emails`)"),
  phone: z.string().nullable().describe("The primary phone (read-only mirror of `phones`)"),
  addresses: z.array(postalAddressResponse.extend({ type: z.enum(ADDRESS_TYPES) })),
  birthday: z.string().nullable(),
  leadSource: z.enum(LEAD_SOURCES).nullable(),
  ownerId: idSchema.nullable(),
  teamId: idSchema.nullable(),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  customFields: customFieldsOutput,
  marketingConsent: z.object({
    given: z.boolean(),
    source: z.string().nullable(),
    at: isoDateTime.nullable(),
  }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  abilities: contactAbilitiesSchema,
});

/** A row of the contacts list: the contact and when it last saw activity (issue #23 point 4). */
export const contactListItemSchema = contactSchema.extend({
  lastActivityAt: isoDateTime.nullable().describe("When the latest activity you can see was recorded"),
});
export type ContactListItem = z.infer<typeof contactListItemSchema>;

export type Contact = z.infer<typeof contactSchema>;
/** A list item with the fields a client asked for (`fields=`); without `fields`, every field. */
export const contactSparseListItemSchema = contactListItemSchema
  .partial()
  .required({ id: true, version: true });

export const CONTACT_SORTS = ["createdAt", "updatedAt", "name"] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

export const contactListQuery = listQuery.extend({
  limit: syncableLimit,
  updatedSince: updatedSinceParam,
  externalId: externalIdFilter,
  sort: listSort(CONTACT_SORTS)
    .default("-createdAt")
    .describe(
      "Field to sort by (name: last then first name); a leading minus sorts descending (`cf.<key>` a custom field)",
    ),
  cf: customFieldParams,
  ...recordListFilters,
  companyId: idSchema.optional().describe("Contacts of this company"),
  fields: csv(contactListItemSchema.keyof()).describe(fieldsDescription("contact")),
});
export type ContactListQuery = z.infer<typeof contactListQuery>;
