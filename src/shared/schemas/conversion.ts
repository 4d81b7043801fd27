/**
 * Lead conversion (API.md "Conversion"): the request, the answer, the suggestions and bulk conversion.
 * Response schemas carry no transforms (responses are encoded, not parsed).
 */
import { FORMALITIES } from "@domain/contacts/letter-salutation";
import { BULK_CONVERSION_REASONS } from "@domain/conversion/conversion-rules";
import { COMPANY_MATCH_REASONS, CONTACT_MATCH_REASONS } from "@domain/conversion/conversion-suggestions";
import { LEAD_SOURCES } from "@domain/leads/lead-source";
import { msg } from "@shared/message-codes";
import { z } from "zod";
import { activitySchema } from "./activity";
import { idSchema, isoDateTime, isoDay } from "./common";
import { companySchema, createCompanyBody } from "./company";
import { contactSchema, createContactBody } from "./contact";
import { dealSchema } from "./deal";
import { moneyInputSchema, moneySchema, optionalText } from "./fields";
import { leadSchema } from "./lead";

/** Fields of the new contact; each one given replaces the lead's prefilled value. */
export const convertContactCreate = createContactBody
  .omit({ companyId: true })
  .partial()
  .describe("Overrides of the contact prefilled from the lead (a given field replaces the prefilled one)");
export const convertCompanyCreate = createCompanyBody
  .partial()
  .describe("Overrides of the company prefilled from the lead");

const existing = z.strictObject({ existingId: idSchema.describe("An existing record you can see") });

export const convertDealInput = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional().describe("Default: company and interest"),
    pipelineId: idSchema.optional().describe("Default: the default pipeline"),
    stageId: idSchema.optional().describe("Default: the pipeline's first stage"),
    amount: moneyInputSchema.nullish().describe("Default: the BANT budget, else the estimated value"),
    expectedCloseDate: isoDay.nullish().describe("Default: the BANT timeline date"),
    ownerId: idSchema.nullish().describe("Default: the lead's owner, else you"),
  })
  .describe("Create a deal; every field is optional and prefilled from the lead");

export const APPOINTMENT_TYPES = ["meeting", "call"] as const;
export const convertAppointmentInput = z
  .strictObject({
    type: z.enum(APPOINTMENT_TYPES),
    subject: z.string().trim().min(1).max(300).optional().describe("Default: the deal or contact name"),
    startsAt: isoDateTime,
    endsAt: isoDateTime.nullish(),
    body: optionalText(20_000),
  })
  .refine((v) => !v.endsAt || v.endsAt >= v.startsAt, { path: ["endsAt"], message: msg("ends_before_start") })
  .describe("A follow-up meeting or call with the new contact");

export const convertLeadBody = z.strictObject({
  contact: z.union([z.strictObject({ create: convertContactCreate }), existing]),
  company: z
    .union([z.strictObject({ create: convertCompanyCreate }), existing])
    .nullish()
    .describe("null or absent: no company"),
  deal: convertDealInput.nullish().describe("null or absent: no deal"),
  appointment: convertAppointmentInput.nullish().describe("null or absent: no appointment"),
});
export type ConvertLeadInput = z.infer<typeof convertLeadBody>;

export const conversionResultSchema = z.object({
  lead: leadSchema,
  contact: contactSchema,
  company: companySchema.nullable(),
  deal: dealSchema.nullable(),
  appointment: activitySchema.nullable(),
});
export type ConversionResult = z.infer<typeof conversionResultSchema>;

// --- suggestions and prefill -------------------------------------------------------------------

const address = z.object({
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
});

export const conversionPrefillSchema = z.object({
  contact: z.object({
    salutation: z.string().nullable(),
    title: z.string().nullable(),
    formality: z.enum(FORMALITIES),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    jobTitle: z.string().nullable(),
    department: z.string().nullable(),
    emails: z.array(z.object({ value: z.string(), type: z.enum(["work"]), primary: z.boolean() })),
    phones: z.array(z.object({ value: z.string(), type: z.enum(["work", "mobile"]), primary: z.boolean() })),
    addresses: z.array(address.extend({ type: z.enum(["other"]) })),
    leadSource: z.enum(LEAD_SOURCES),
    description: z.string().nullable(),
    ownerId: idSchema.nullable(),
    tags: z.array(z.string()),
  }),
  company: z.object({
    name: z.string().nullable(),
    website: z.string().nullable(),
    phone: z.string().nullable(),
    billingAddress: address.nullable(),
    ownerId: idSchema.nullable(),
  }),
  deal: z.object({
    title: z.string(),
    amount: moneySchema.nullable(),
    pipelineId: idSchema.nullable(),
    stageId: idSchema.nullable(),
    expectedCloseDate: z.string().nullable(),
    ownerId: idSchema.nullable(),
    sourceLeadId: idSchema,
    description: z.string().nullable(),
  }),
});

export const contactSuggestionSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  companyId: idSchema.nullable(),
  companyName: z.string().nullable(),
  reasons: z.array(z.enum(CONTACT_MATCH_REASONS)).describe("Why it looks like the lead, strongest first"),
});
export const companySuggestionSchema = z.object({
  id: idSchema,
  name: z.string(),
  domain: z.string().nullable(),
  city: z.string().nullable(),
  reasons: z.array(z.enum(COMPANY_MATCH_REASONS)),
});
export type ContactSuggestion = z.infer<typeof contactSuggestionSchema>;
export type CompanySuggestion = z.infer<typeof companySuggestionSchema>;

export const conversionSuggestionsSchema = z.object({
  contacts: z.array(contactSuggestionSchema),
  companies: z.array(companySuggestionSchema),
  prefill: conversionPrefillSchema.describe("What a new contact, company and deal would be prefilled with"),
});
export type ConversionSuggestions = z.infer<typeof conversionSuggestionsSchema>;

// --- bulk ----------------------------------------------------------------------------------------

export const bulkConvertBody = z.strictObject({
  ids: z.array(idSchema).min(1).max(200),
  contact: z
    .enum(["match_or_create", "create"])
    .default("match_or_create")
    .describe("match_or_create: link an existing contact with the same email, else create one"),
  company: z
    .enum(["match_or_create", "create", "none"])
    .default("match_or_create")
    .describe("match_or_create: link an existing company with the same name or domain, else create one"),
  deal: z
    .strictObject({ pipelineId: idSchema.optional(), stageId: idSchema.optional() })
    .nullish()
    .describe("Create a deal per lead (default pipeline and first stage unless given); null: no deals"),
});
export type BulkConvertInput = z.infer<typeof bulkConvertBody>;

export const bulkConvertResultSchema = z.object({
  converted: z.array(
    z.object({
      leadId: idSchema,
      contactId: idSchema,
      companyId: idSchema.nullable(),
      dealId: idSchema.nullable(),
    }),
  ),
  failed: z.array(
    z.object({
      leadId: idSchema,
      reason: z.enum(BULK_CONVERSION_REASONS).describe("Stable reason code"),
      message: z.string().describe("English detail"),
      path: z.string().nullable().describe("The field that broke a rule, when one did"),
    }),
  ),
});
export type BulkConvertResult = z.infer<typeof bulkConvertResultSchema>;
