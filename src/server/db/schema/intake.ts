/**
 * The intake pipeline's tables (src/server/modules/intake): web forms, the decision log every channel
 * writes, the public endpoint's idempotency and rate-limit rows, and the consent proofs of leads.
 * Imported relatively (drizzle-kit loads the schema without the path aliases).
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { INTAKE_CHANNELS, INTAKE_DECISIONS } from "../../../domain/intake/intake-types";
import { companies, contacts, leads, teams, users } from "../schema";
import { inList, tstz } from "./columns";
import { sortKey } from "./sort-key";

/** A web-to-lead form: what it asks, where its leads go, who may embed it. */
export const webForms = pgTable(
  "web_forms",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    /** The public key in `/f/{key}` and the submission URL; random, never the id. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    /** [{ field, label: { de, en }, required }] in the order shown. */
    fields: jsonb("fields").notNull().default(sql`'[]'::jsonb`),
    /** Campaign written into each lead's source detail (hidden field). */
    campaign: text("campaign"),
    teamId: uuid("team_id").references(() => teams.id),
    /** { de, en } or null: with a text, the form shows a required checkbox. */
    consentText: jsonb("consent_text"),
    policyVersion: text("policy_version"),
    thankYouText: jsonb("thank_you_text"),
    redirectUrl: text("redirect_url"),
    allowedOrigins: text("allowed_origins").array().notNull().default(sql`'{}'::text[]`),
    minFillSeconds: integer("min_fill_seconds").notNull().default(3),
    /** Submissions per client address and per form within 10 minutes. */
    limitPerClient: integer("limit_per_client").notNull().default(10),
    limitPerForm: integer("limit_per_form").notNull().default(1000),
    doubleOptIn: boolean("double_opt_in").notNull().default(false),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: tstz("created_at").notNull().defaultNow(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
    deletedAt: tstz("deleted_at"),
    sortKey: sortKey("sort_key", "name"),
  },
  (t) => [
    uniqueIndex("web_forms_key_key").on(t.key),
    index("web_forms_live_name_idx").on(t.sortKey, t.id).where(sql`deleted_at is null`),
  ],
);

/** One row per submission of any channel: what the pipeline decided (the intake view reads it). */
export const intakeLog = pgTable(
  "intake_log",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    channel: text("channel").notNull(),
    decision: text("decision").notNull(),
    /** Why a submission was rejected (invalid, spam, too_fast, rate_limited). */
    reason: text("reason"),
    /** For `invalid`: the field paths and codes, never the values. */
    reasonDetail: jsonb("reason_detail"),
    leadId: uuid("lead_id").references(() => leads.id),
    contactId: uuid("contact_id").references(() => contacts.id),
    companyId: uuid("company_id").references(() => companies.id),
    formId: uuid("form_id").references(() => webForms.id),
    /** The lead's team and owner when decided, so the view's gate needs no join for rejected rows. */
    teamId: uuid("team_id").references(() => teams.id),
    sourceDetail: text("source_detail"),
    utm: jsonb("utm"),
    receivedAt: tstz("received_at").notNull().defaultNow(),
  },
  (t) => [
    index("intake_log_received_idx").on(t.receivedAt, t.id),
    index("intake_log_decision_received_idx").on(t.decision, t.receivedAt, t.id),
    index("intake_log_form_received_idx").on(t.formId, t.receivedAt),
    index("intake_log_lead_idx").on(t.leadId),
    check("intake_log_channel_check", inList("channel", INTAKE_CHANNELS)),
    check("intake_log_decision_check", inList("decision", INTAKE_DECISIONS)),
  ],
);

/**
 * Public submissions by Idempotency-Key and by content hash: a repeated key or the same body within
 * the window answers the first answer and makes no second lead.
 */
export const formSubmissions = pgTable(
  "form_submissions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    formId: uuid("form_id")
      .notNull()
      .references(() => webForms.id, { onDelete: "cascade" }),
    /** SHA-256 of the client's Idempotency-Key, or of the content when there was none. */
    dedupeKey: text("dedupe_key").notNull(),
    contentHash: text("content_hash").notNull(),
    intakeId: uuid("intake_id"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("form_submissions_key").on(t.formId, t.dedupeKey),
    index("form_submissions_created_idx").on(t.createdAt),
  ],
);

/**
 * Recent public submissions, counted by every app process alike (the login_attempts pattern): per
 * client address and per form. Rows older than the longest window are pruned by each submission.
 */
export const formRateHits = pgTable(
  "form_rate_hits",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    formId: uuid("form_id").notNull(),
    /** IPv4 address or IPv6 /64 prefix. */
    client: text("client").notNull(),
    at: tstz("at").notNull().defaultNow(),
  },
  (t) => [
    index("form_rate_hits_client_idx").on(t.client, t.at),
    index("form_rate_hits_form_idx").on(t.formId, t.at),
    index("form_rate_hits_at_idx").on(t.at),
  ],
);

/** The consent a lead gave on a form, with its proof (form version, policy version, time, hashed IP). */
export const leadConsents = pgTable(
  "lead_consents",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    formId: uuid("form_id").references(() => webForms.id),
    formVersion: integer("form_version"),
    policyVersion: text("policy_version"),
    consentText: text("consent_text").notNull(),
    givenAt: tstz("given_at").notNull().defaultNow(),
    /** HMAC of the client address (never the address). */
    ipHash: text("ip_hash"),
    confirmedAt: tstz("confirmed_at"),
  },
  (t) => [index("lead_consents_lead_idx").on(t.leadId, t.givenAt)],
);
