import {
  LEGAL_BASES,
  PROCESSING_ACTIONS,
  PROPOSAL_STATES,
  RETENTION_CATEGORIES,
  SUBJECT_TYPES,
  WITHDRAWAL_CHANNELS,
} from "@domain/gdpr/gdpr-types";
import { msg } from "@shared/message-codes";
import { z } from "zod";
import { idSchema, isoDateTime, listQuery, text } from "./common";

/** A required reason, kept in the processing log (Art. 5(2) accountability). */
const reasonField = z
  .string()
  .trim()
  .min(1, msg("reason_required"))
  .max(500)
  .describe("Why: kept in the processing log");

export const consentSchema = z.object({
  id: idSchema,
  subjectType: z.enum(SUBJECT_TYPES).describe("Whether it was given as a lead or as a contact"),
  subjectId: idSchema,
  purpose: z.string(),
  legalBasis: z.enum(LEGAL_BASES),
  source: z.string(),
  policyVersion: z.string().nullable(),
  consentText: z.string().nullable(),
  givenAt: isoDateTime,
  recordedBy: z.object({ id: idSchema, name: z.string() }).nullable().describe("null: a public web form"),
  withdrawnAt: isoDateTime.nullable(),
  withdrawnBy: z.object({ id: idSchema, name: z.string() }).nullable(),
  withdrawalChannel: z.enum(WITHDRAWAL_CHANNELS).nullable(),
});
export type Consent = z.infer<typeof consentSchema>;

export const createConsentBody = z.strictObject({
  purpose: text(200).describe("What it allows, e.g. 'Newsletter' or 'Phone calls about offers'"),
  legalBasis: z.enum(LEGAL_BASES).describe("Art. 6(1) GDPR"),
  source: text(200).describe("Where it was given, e.g. 'phone', 'trade fair'"),
  policyVersion: text(50).optional(),
  givenAt: isoDateTime.optional().describe("Default: now"),
});
export type CreateConsentInput = z.infer<typeof createConsentBody>;

export const withdrawConsentBody = z.strictObject({
  channel: z.enum(WITHDRAWAL_CHANNELS).describe("How the person withdrew it"),
  withdrawnAt: isoDateTime.optional().describe("Default: now"),
});

export const consentParams = z.strictObject({ id: idSchema, consentId: idSchema });

/** What the lead and contact pages show about a person's data protection. */
export const privacyStatusSchema = z.object({
  restricted: z
    .object({
      reason: z.string(),
      at: isoDateTime,
      by: z.object({ id: idSchema, name: z.string() }).nullable(),
    })
    .nullable(),
  erasedAt: isoDateTime.nullable().describe("When the person was anonymised (Art. 17)"),
  consents: z.array(consentSchema),
});

export const eraseBody = z.strictObject({ reason: reasonField });
export const eraseResult = z.object({
  leads: z.number().int(),
  contacts: z.number().int(),
  activities: z.number().int(),
  emails: z.number().int(),
  attachments: z.number().int(),
  outgoingMails: z.number().int(),
  inboundMails: z.number().int(),
  auditEntries: z.number().int(),
});
export type EraseResult = z.infer<typeof eraseResult>;

export const restrictBody = z.strictObject({
  restricted: z.boolean(),
  reason: reasonField,
});

export const exportQuery = z.strictObject({
  format: z.enum(["json", "pdf"]).default("json"),
  lang: z.enum(["de", "en"]).default("de").describe("Language of the PDF document"),
});

export const retentionRuleSchema = z.object({
  category: z.enum(RETENTION_CATEGORIES),
  afterDays: z.number().int(),
  active: z.boolean(),
  updatedAt: isoDateTime.nullable(),
});
export const retentionRulesBody = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        category: z.enum(RETENTION_CATEGORIES),
        afterDays: z.number().int().min(1).max(36500),
        active: z.boolean(),
      }),
    )
    .min(1)
    .max(RETENTION_CATEGORIES.length),
});

export const proposalSchema = z.object({
  id: idSchema,
  category: z.enum(RETENTION_CATEGORIES),
  subjectType: z.enum(SUBJECT_TYPES),
  subjectId: idSchema,
  /** The record's name as it is now (before the purge), for the reviewer. */
  label: z.string(),
  state: z.enum(PROPOSAL_STATES),
  proposedAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  purgedAt: isoDateTime.nullable(),
});
export const proposalListQuery = listQuery.omit({ q: true }).extend({
  state: z.enum(PROPOSAL_STATES).default("proposed"),
});
export const decideProposalsBody = z.strictObject({
  ids: z.array(idSchema).min(1).max(500),
  decision: z.enum(["approve", "exclude"]),
});
export const decideProposalsResult = z.object({ decided: z.number().int() });

export const processingLogEntrySchema = z.object({
  id: idSchema,
  action: z.enum(PROCESSING_ACTIONS),
  subjectType: z.enum(SUBJECT_TYPES).nullable(),
  subjectId: idSchema.nullable(),
  actor: z.object({ id: idSchema, name: z.string() }).nullable().describe("null: the retention job"),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  at: isoDateTime,
});
export const processingLogQuery = listQuery.omit({ q: true }).extend({
  action: z.enum(PROCESSING_ACTIONS).optional(),
});
