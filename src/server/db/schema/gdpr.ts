/**
 * Data protection (src/server/modules/gdpr): the consent log per person, restrictions of processing
 * (Art. 18), retention rules with their proposals, and the processing log of all of it.
 * Imported relatively (drizzle-kit loads the schema without the path aliases).
 */
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import {
  LEGAL_BASES,
  PROCESSING_ACTIONS,
  PROPOSAL_STATES,
  RETENTION_CATEGORIES,
  SUBJECT_TYPES,
  WITHDRAWAL_CHANNELS,
} from "../../../domain/gdpr/gdpr-types";
import { contacts, leads, users } from "../schema";
import { id, inList, tstz } from "./columns";
import { leadConsents } from "./intake";

/**
 * One consent (or other legal basis) per row. Keyed by the lead it was given as and/or the contact:
 * a lead's entries show on the contact it was converted into through `leads.converted_contact_id`.
 */
export const consentRecords = pgTable(
  "consent_records",
  {
    id: id(),
    leadId: uuid("lead_id").references(() => leads.id),
    contactId: uuid("contact_id").references(() => contacts.id),
    purpose: text("purpose").notNull(),
    legalBasis: text("legal_basis").notNull(),
    /** Where it was given: a form's name, "phone", "trade fair" … */
    source: text("source").notNull(),
    policyVersion: text("policy_version"),
    /** The wording agreed to, where there was one (a form's consent text). */
    consentText: text("consent_text"),
    /** The form's proof (hashed address, confirmation) when it came from a web form. */
    leadConsentId: uuid("lead_consent_id").references(() => leadConsents.id, { onDelete: "set null" }),
    givenAt: tstz("given_at").notNull().defaultNow(),
    /** null: the system (a public form). */
    recordedBy: uuid("recorded_by").references(() => users.id),
    withdrawnAt: tstz("withdrawn_at"),
    withdrawnBy: uuid("withdrawn_by").references(() => users.id),
    withdrawalChannel: text("withdrawal_channel"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("consent_records_lead_idx").on(t.leadId, t.givenAt),
    index("consent_records_contact_idx").on(t.contactId, t.givenAt),
    check("consent_records_subject_check", sql`lead_id is not null or contact_id is not null`),
    check("consent_records_basis_check", inList("legal_basis", LEGAL_BASES)),
    check(
      "consent_records_channel_check",
      sql`withdrawal_channel is null or ${inList("withdrawal_channel", WITHDRAWAL_CHANNELS)}`,
    ),
  ],
);

/** Art. 18: a person whose data may be stored but not otherwise processed (no mail, no exports). */
export const processingRestrictions = pgTable(
  "processing_restrictions",
  {
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id").notNull(),
    reason: text("reason").notNull(),
    restrictedBy: uuid("restricted_by").references(() => users.id),
    restrictedAt: tstz("restricted_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("processing_restrictions_subject_key").on(t.subjectType, t.subjectId),
    check("processing_restrictions_type_check", inList("subject_type", SUBJECT_TYPES)),
  ],
);

/** After how many days a category's records are proposed for anonymisation; inactive rules propose nothing. */
export const retentionRules = pgTable(
  "retention_rules",
  {
    category: text("category").primaryKey(),
    afterDays: integer("after_days").notNull(),
    active: boolean("active").notNull().default(false),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  () => [
    check("retention_rules_category_check", inList("category", RETENTION_CATEGORIES)),
    check("retention_rules_days_check", sql`after_days between 1 and 36500`),
  ],
);

/** A record a retention rule found: an admin approves or excludes it; the job anonymises the approved. */
export const retentionProposals = pgTable(
  "retention_proposals",
  {
    id: id(),
    category: text("category").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id").notNull(),
    state: text("state").notNull().default("proposed"),
    proposedAt: tstz("proposed_at").notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: tstz("decided_at"),
    purgedAt: tstz("purged_at"),
  },
  (t) => [
    // A record is proposed once: an excluded one stays excluded, a purged one is done.
    uniqueIndex("retention_proposals_subject_key").on(t.subjectType, t.subjectId),
    index("retention_proposals_state_idx").on(t.state, t.proposedAt, t.id),
    check("retention_proposals_state_check", inList("state", PROPOSAL_STATES)),
    check("retention_proposals_category_check", inList("category", RETENTION_CATEGORIES)),
    check("retention_proposals_type_check", inList("subject_type", SUBJECT_TYPES)),
  ],
);

/**
 * Who did what under data protection, when and why. Holds ids and the reason, never the person's
 * name or address, so it survives the erasure it records.
 */
export const processingLog = pgTable(
  "processing_log",
  {
    id: id(),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: uuid("subject_id"),
    actorId: uuid("actor_id").references(() => users.id),
    reason: text("reason"),
    /** Counts and ids: what an erasure reached, which category a rule is. */
    detail: jsonb("detail"),
    requestId: text("request_id"),
    at: tstz("at").notNull().defaultNow(),
  },
  (t) => [
    index("processing_log_at_idx").on(t.at, t.id),
    index("processing_log_action_at_idx").on(t.action, t.at, t.id),
    index("processing_log_subject_idx").on(t.subjectType, t.subjectId, t.at),
    check("processing_log_action_check", inList("action", PROCESSING_ACTIONS)),
  ],
);
