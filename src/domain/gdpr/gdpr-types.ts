/**
 * The data-protection vocabulary (DSGVO / GDPR, issue #14 point 3): legal bases of Art. 6(1), the
 * kinds of entries in the processing log and the retention categories an admin can set.
 */

/** Art. 6(1) a–f. */
export const LEGAL_BASES = [
  "consent",
  "contract",
  "legal_obligation",
  "vital_interest",
  "public_task",
  "legitimate_interest",
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** How a consent was withdrawn. */
export const WITHDRAWAL_CHANNELS = ["email", "phone", "letter", "form", "in_person", "other"] as const;
export type WithdrawalChannel = (typeof WITHDRAWAL_CHANNELS)[number];

/** The people data-protection rights apply to: a lead or a contact (a lead's person follows it into its contact). */
export const SUBJECT_TYPES = ["lead", "contact"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const PROCESSING_ACTIONS = [
  "consent_added",
  "consent_withdrawn",
  "exported",
  "erased",
  "restricted",
  "unrestricted",
  "retention_rule_changed",
  "retention_proposed",
  "retention_approved",
  "retention_excluded",
  "retention_purged",
] as const;
export type ProcessingAction = (typeof PROCESSING_ACTIONS)[number];

/**
 * What retention rules exist. Unconfirmed double-opt-in leads are already soft-deleted by the
 * `intake-doi-expiry` job after its hours; `deleted_leads` then anonymises every deleted lead
 * (those and any other) after its days, so the two do not overlap.
 */
export const RETENTION_CATEGORIES = ["dead_leads", "deleted_leads", "deleted_contacts"] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

export const RETENTION_DEFAULTS: Record<RetentionCategory, number> = {
  dead_leads: 730,
  deleted_leads: 30,
  deleted_contacts: 30,
};

export const PROPOSAL_STATES = ["proposed", "approved", "excluded", "purged"] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** What an erased person's name fields read afterwards (NOT NULL columns need a value). */
export const ERASED_NAME = "—";
