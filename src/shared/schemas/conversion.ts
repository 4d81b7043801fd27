/**
 * Lead conversion (API.md "Conversion"): the request, the answer, the suggestions and bulk conversion.
 * Response schemas carry no transforms (responses are encoded, not parsed).
 */

import { FORMALITIES } from "@domain/contacts/letter-salutation";
import { COMPANY_LEAD_FIELDS, CONTACT_LEAD_FIELDS, MERGE_CHOICES } from "@domain/conversion/conversion-merge";
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

// --- merge into an existing contact or company (issue #20 point 2) ----------------------------

/** A field's choice: keep the record's value or take the lead's. */
const takeOrKeep = z
  .enum(MERGE_CHOICES, msg("invalid"))
  .refine((c) => c !== "both", msg("merge_both_lists_only"))
  .optional();
/** Emails and phones: also `both`, which adds the lead's value as a further entry of the contact. */
const takeKeepOrBoth = z.enum(MERGE_CHOICES, msg("invalid")).optional();

export const contactMergeChoices = z
  .strictObject({
    salutation: takeOrKeep,
    title: takeOrKeep,
    firstName: takeOrKeep,
    lastName: takeOrKeep,
    jobTitle: takeOrKeep,
    department: takeOrKeep,
    email: takeKeepOrBoth.describe("both: the lead's email becomes a further email of the contact"),
    phone: takeKeepOrBoth.describe("both: the lead's phone becomes a further work phone of the contact"),
    mobile: takeKeepOrBoth.describe("both: the lead's mobile becomes a further mobile of the contact"),
    address: takeOrKeep.describe("lead: the lead's address replaces the contact's first address"),
  } satisfies Record<(typeof CONTACT_LEAD_FIELDS)[number], unknown>)
  .describe("Per field of the existing contact: keep (default), lead (take the lead's value) or both");
export const companyMergeChoices = z
  .strictObject({
    name: takeOrKeep,
    website: takeOrKeep,
    phone: takeOrKeep,
    billingAddress: takeOrKeep,
  } satisfies Record<(typeof COMPANY_LEAD_FIELDS)[number], unknown>)
  .describe("Per field of the existing company: keep (default) or lead");
export type ContactMergeChoicesInput = z.infer<typeof contactMergeChoices>;
export type CompanyMergeChoicesInput = z.infer<typeof companyMergeChoices>;

export const convertLeadBody = z
  .strictObject({
    contact: z.union([z.strictObject({ create: convertContactCreate }), existing]),
    company: z
      .union([z.strictObject({ create: convertCompanyCreate }), existing])
      .nullish()
      .describe("null or absent: no company"),
    deal: convertDealInput.nullish().describe("null or absent: no deal"),
    appointment: convertAppointmentInput.nullish().describe("null or absent: no appointment"),
    merge: z
      .strictObject({ contact: contactMergeChoices.optional(), company: companyMergeChoices.optional() })
      .optional()
      .describe(
        "What to take from the lead into the existing contact or company (with `existingId` only); applied in the conversion's transaction",
      ),
  })
  .superRefine((body, ctx) => {
    for (const part of ["contact", "company"] as const) {
      const chosen = body[part];
      if (body.merge?.[part] && !(chosen && "existingId" in chosen))
        ctx.addIssue({ code: "custom", path: ["merge", part], message: msg("merge_needs_existing") });
    }
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

function mergePreviewSchema<F extends string>(fields: readonly [F, ...F[]]) {
  return z
    .object({
      allowed: z
        .boolean()
        .describe("Whether you may change the record; when not, it is only linked and `fields` is empty"),
      fields: z.array(
        z.object({
          field: z.enum(fields),
          lead: z.string().describe("The lead's value (an address on one line)"),
          record: z.string().nullable().describe("The record's value; null when it has none"),
          choices: z.array(z.enum(MERGE_CHOICES)).describe("The choices this field offers"),
          suggested: z.enum(["keep", "lead"]).describe("keep, or lead where the record has no value"),
        }),
      ),
    })
    .describe("Fields where the lead and the record differ, for `merge` in the conversion request");
}
export const contactMergePreviewSchema = mergePreviewSchema(CONTACT_LEAD_FIELDS);
export const companyMergePreviewSchema = mergePreviewSchema(COMPANY_LEAD_FIELDS);
export type ContactMergePreview = z.infer<typeof contactMergePreviewSchema>;
export type CompanyMergePreview = z.infer<typeof companyMergePreviewSchema>;

export const contactSuggestionSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  companyId: idSchema.nullable(),
  companyName: z.string().nullable(),
  reasons: z.array(z.enum(CONTACT_MATCH_REASONS)).describe("Why it looks like the lead, strongest first"),
  merge: contactMergePreviewSchema,
});
export const companySuggestionSchema = z.object({
  id: idSchema,
  name: z.string(),
  domain: z.string().nullable(),
  city: z.string().nullable(),
  reasons: z.array(z.enum(COMPANY_MATCH_REASONS)),
  merge: companyMergePreviewSchema,
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
