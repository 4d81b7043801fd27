import { msg } from "@shared/message-codes";
import { z } from "zod";
import { companyAbilitiesSchema } from "./abilities";
import { csv, idSchema, isoDateTime, listQuery, recordListFilters, text, versionField } from "./common";
import { customFieldsInput, customFieldsOutput } from "./custom-field";
import { customFieldParams, listSort } from "./custom-field-query";
import {
  optionalText,
  phoneSchema,
  postalAddressFields,
  postalAddressResponse,
  tagsSchema,
  websiteSchema,
} from "./fields";
import { fieldsDescription } from "./sparse-fields";
import {
  externalIdFilter,
  externalIdInput,
  externalIdOutput,
  syncableLimit,
  updatedSinceParam,
} from "./sync";

/** Head-count bands, as CRMs commonly offer them. */
export const COMPANY_SIZES = [
  "1-10",
  "11-50",
  "51-200",
  "201-500",
  "501-1000",
  "1001-5000",
  "5000+",
] as const;
export const companySizeSchema = z.enum(COMPANY_SIZES).describe("Number of employees");

const addressInput = z.strictObject(postalAddressFields);

const companyFields = {
  externalId: externalIdInput,
  name: text(200),
  website: websiteSchema.describe("A bare domain like example.com is stored as https://example.com"),
  industry: optionalText(100),
  size: companySizeSchema.nullish(),
  vatId: optionalText(30).describe(
    "VAT identification number, e.g. DE136695976: the format of its country and, for German ones, the check digit are checked (400 vat_id_invalid / vat_id_check_digit)",
  ),
  phone: phoneSchema,
  email: z.email(msg("email_invalid")).max(254).nullish(),
  billingAddress: addressInput.nullish(),
  shippingAddress: addressInput.nullish(),
  parentCompanyId: idSchema.nullish().describe("The parent organisation; must be visible to you"),
  ownerId: idSchema.nullish().describe("Defaults to the creator; null for no owner"),
  teamId: idSchema.nullish().describe("Defaults to the creator's team"),
  description: optionalText(10_000),
  tags: tagsSchema.optional(),
  customFields: customFieldsInput,
};

export const createCompanyBody = z.strictObject(companyFields);
export const updateCompanyBody = z
  .strictObject(companyFields)
  .partial()
  .extend({ version: versionField.optional() });
export type CreateCompanyInput = z.infer<typeof createCompanyBody>;
export type UpdateCompanyInput = z.infer<typeof updateCompanyBody>;

/** The stored company as answered (no transforms: response schemas are encoded, not parsed). */
export const companySchema = z.object({
  id: idSchema,
  version: z.number().int(),
  externalId: externalIdOutput,
  name: z.string(),
  website: z.string().nullable(),
  domain: z.string().nullable().describe("Lower-case host of the website without www. (read-only)"),
  industry: z.string().nullable(),
  size: z.string().nullable().describe("One of the head-count bands (older imports may hold other text)"),
  vatId: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  billingAddress: postalAddressResponse.nullable(),
  shippingAddress: postalAddressResponse.nullable(),
  parentCompanyId: idSchema.nullable(),
  ownerId: idSchema.nullable(),
  teamId: idSchema.nullable(),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  customFields: customFieldsOutput,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  abilities: companyAbilitiesSchema,
});
export type Company = z.infer<typeof companySchema>;

/** A row of the companies list: the company and what the list shows beside it (issue #23 point 4). */
export const companyListItemSchema = companySchema.extend({
  contactCount: z.number().int().describe("Contacts of this company that you can see"),
  openDealCount: z.number().int().describe("Open deals of this company that you can see"),
  lastActivityAt: isoDateTime.nullable().describe("When the latest activity you can see was recorded"),
});
export type CompanyListItem = z.infer<typeof companyListItemSchema>;
/** A list item with the fields a client asked for (`fields=`); without `fields`, every field. */
export const companySparseListItemSchema = companyListItemSchema
  .partial()
  .required({ id: true, version: true });

export const COMPANY_SORTS = ["createdAt", "updatedAt", "name"] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];

export const companyListQuery = listQuery.extend({
  limit: syncableLimit,
  updatedSince: updatedSinceParam,
  externalId: externalIdFilter,
  sort: listSort(COMPANY_SORTS)
    .default("-createdAt")
    .describe("Field to sort by; a leading minus sorts descending (`cf.<key>` a custom field)"),
  cf: customFieldParams,
  ...recordListFilters,
  parentCompanyId: idSchema.optional().describe("Subsidiaries of this company"),
  fields: csv(companyListItemSchema.keyof()).describe(fieldsDescription("company")),
});
export type CompanyListQuery = z.infer<typeof companyListQuery>;
