import { COMPANY_DUPLICATE_REASONS } from "@domain/companies/company-duplicates";
import { COMPANY_MERGE_FIELDS } from "@domain/companies/company-fields";
import { CONTACT_DUPLICATE_REASONS } from "@domain/contacts/contact-duplicates";
import { CONTACT_MERGE_FIELDS } from "@domain/contacts/contact-fields";
import { msg } from "@shared/message-codes";
import { z } from "zod";
import { idSchema } from "./common";
import { companySchema } from "./company";
import { contactSchema } from "./contact";

const side = z.enum(["survivor", "loser"]);

export const contactDuplicateSchema = z.object({
  contact: contactSchema,
  reasons: z.array(z.enum(CONTACT_DUPLICATE_REASONS)).describe("Why it looks like the same person"),
});
export const companyDuplicateSchema = z.object({
  company: companySchema,
  reasons: z.array(z.enum(COMPANY_DUPLICATE_REASONS)).describe("Why it looks like the same company"),
});
export type ContactDuplicate = z.infer<typeof contactDuplicateSchema>;
export type CompanyDuplicate = z.infer<typeof companyDuplicateSchema>;

/** The hint while creating: existing records like the one being typed in. */
export const contactMatchQuery = z.strictObject({
  email: z.string().max(254).optional(),
  phone: z.string().max(50).optional(),
  firstName: z.string().max(100).optional(),
  lastName: z.string().max(100).optional(),
  companyId: idSchema.optional(),
});
export const companyMatchQuery = z.strictObject({
  name: z.string().max(200).optional(),
  website: z.string().max(500).optional(),
});

export const contactMergeBody = z
  .strictObject({
    survivorId: idSchema.describe("The contact that stays"),
    loserId: idSchema.describe("The contact that is merged into the survivor and then removed"),
    fields: z
      .partialRecord(z.enum(CONTACT_MERGE_FIELDS), side)
      .default({})
      .describe(
        "Per field, whose value the survivor keeps. A field left out keeps the survivor's value, or the loser's when the survivor has none. Emails, phones, addresses and tags of both are always kept; for them the side decides which comes first (and is primary).",
      ),
    version: z.number().int().min(1).optional().describe("The survivor's version read; 409 when stale"),
  })
  .refine((b) => b.survivorId !== b.loserId, {
    path: ["loserId"],
    message: msg("merge_same_contact"),
  });

export const companyMergeBody = z
  .strictObject({
    survivorId: idSchema.describe("The company that stays"),
    loserId: idSchema.describe("The company that is merged into the survivor and then removed"),
    fields: z
      .partialRecord(z.enum(COMPANY_MERGE_FIELDS), side)
      .default({})
      .describe(
        "Per field, whose value the survivor keeps. A field left out keeps the survivor's value, or the loser's when the survivor has none. Tags of both are kept.",
      ),
    version: z.number().int().min(1).optional().describe("The survivor's version read; 409 when stale"),
  })
  .refine((b) => b.survivorId !== b.loserId, {
    path: ["loserId"],
    message: msg("merge_same_company"),
  });

const moved = z
  .record(z.string(), z.number().int())
  .describe("How many linked records of each kind moved to the survivor, e.g. { leads: 2, deals: 1 }");
export const contactMergeResult = z.object({ contact: contactSchema, moved });
export const companyMergeResult = z.object({ company: companySchema, moved });
