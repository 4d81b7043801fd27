/**
 * The database schema, one source for both PGlite and PostgreSQL. `npm run db:generate` turns changes
 * here into a new SQL migration under migrations/ (forward-only; never edit a landed migration).
 *
 * Enumerations are text columns with CHECK constraints rather than PostgreSQL enums: adding a value is
 * then an ordinary migration that can run inside a transaction on both databases.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ACTIVITY_TYPES } from "../../domain/activities/activity-type";
import { FORMALITIES } from "../../domain/contacts/letter-salutation";
import { LEAD_SOURCES } from "../../domain/leads/lead-source";
import { LEAD_STATUSES } from "../../domain/leads/lead-status";
import { LIFECYCLE_STAGES } from "../../domain/leads/lifecycle";
import { LOCALES, ROLES } from "../../shared/schemas/common";
import { createdAt, id, inList, tstz, updatedAt, version } from "./schema/columns.js";
import { sortKey } from "./schema/sort-key.js";

// The value lists live with the rules; schema.ts imports them relatively because drizzle-kit
// loads this file without the tsconfig path aliases.
export const ROLE_VALUES = ROLES;
export const LOCALE_VALUES = LOCALES;

// --- people and access -------------------------------------------------------------------------

export const teams = pgTable(
  "teams",
  {
    id: id(),
    name: text("name").notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    sortKey: sortKey("sort_key", "name"),
  },
  (t) => [
    uniqueIndex("teams_name_key").on(sql`lower(${t.name})`),
    index("teams_sort_key_idx").on(t.sortKey, t.id),
  ],
);

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role").notNull(),
    teamId: uuid("team_id").references(() => teams.id),
    locale: text("locale").notNull().default("en"),
    active: boolean("active").notNull().default(true),
    lastLoginAt: tstz("last_login_at"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    sortKey: sortKey("sort_key", "name"),
    /** Name and email folded by f_search_text (case, accents, German "ae"): what user searches match. */
    searchText: text("search_text").generatedAlwaysAs(sql`f_search_text(name || ' ' || email)`),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    index("users_team_idx").on(t.teamId),
    index("users_search_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    index("users_sort_key_idx").on(t.sortKey, t.id),
    check("users_role_check", inList("role", ROLE_VALUES)),
    check("users_locale_check", inList("locale", LOCALE_VALUES)),
  ],
);

/** Sessions live in the database so that any number of app processes share them. */
export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the cookie value: a database leak does not leak usable sessions. */
    tokenHash: text("token_hash").primaryKey(),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: tstz("last_seen_at").notNull().defaultNow(),
    expiresAt: tstz("expires_at").notNull(),
    userAgent: text("user_agent"),
    /** The client's address, shortened (IPv4 /24, IPv6 /48) for the sessions list: enough to recognise, not to track. */
    ipPrefix: text("ip_prefix"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/**
 * Recent login attempts, counted by every app process alike (auth/login-attempts.repository.ts). Only
 * the last few minutes are kept: each attempt deletes the ones that left the longest window. The
 * account is stored as the SHA-256 of the email asked for, so the table holds no address typed by a
 * stranger.
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The client: its IPv4 address, or the /64 prefix of its IPv6 address. */
    client: text("client").notNull(),
    accountHash: text("account_hash").notNull(),
    attemptedAt: tstz("attempted_at").notNull().defaultNow(),
  },
  (t) => [
    index("login_attempts_client_idx").on(t.client, t.attemptedAt),
    index("login_attempts_attempted_idx").on(t.attemptedAt),
  ],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The first characters of the token, shown in lists so users can tell tokens apart. */
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    lastUsedAt: tstz("last_used_at"),
    revokedAt: tstz("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

/** Key/value settings an admin can change (JSON values validated by the settings module). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: updatedAt(),
});

/** Every change to every record; the timelines read the history of one record from here. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: uuid("actor_id").references(() => users.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: uuid("entity_id"),
    changes: jsonb("changes"),
    requestId: text("request_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId, t.createdAt),
    index("audit_log_actor_idx").on(t.actorId, t.createdAt),
    // The audit trail's filter by action and its newest-first order (with or without a time range).
    index("audit_log_action_idx").on(t.action, t.createdAt),
    index("audit_log_created_idx").on(t.createdAt),
  ],
);

// --- CRM records ---------------------------------------------------------------------------------
// Every record has a team (visibility), an optional owner, a version (optimistic concurrency),
// timestamps and a soft-delete marker.

const recordColumns = () => ({
  id: id(),
  version: version(),
  teamId: uuid("team_id").references(() => teams.id),
  ownerId: uuid("owner_id").references(() => users.id),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: tstz("deleted_at"),
  tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
  customFields: jsonb("custom_fields").notNull().default(sql`'{}'::jsonb`),
  /** The record's id in the integrator's system (issue #22): unique per entity, upsert key of `/batch`. */
  externalId: text("external_id"),
});

export const companies = pgTable(
  "companies",
  {
    ...recordColumns(),
    name: text("name").notNull(),
    website: text("website"),
    /** Lower-case host of `website`, used to match leads and contacts to companies. */
    domain: text("domain"),
    industry: text("industry"),
    size: text("size"),
    vatId: text("vat_id"),
    phone: text("phone"),
    /** E.164 form of `phone` (libphonenumber; national numbers read as German), what screens format. */
    phoneNormalized: text("phone_normalized"),
    email: text("email"),
    billingAddress: jsonb("billing_address"),
    shippingAddress: jsonb("shipping_address"),
    parentCompanyId: uuid("parent_company_id"),
    description: text("description"),
    /** Set on the record that lost a merge (it is soft-deleted): where its links went. */
    mergedIntoId: uuid("merged_into_id"),
    /** Name, domain and email folded by f_search_text, phone digits: what the list search matches. */
    searchText: text("search_text").generatedAlwaysAs(
      sql`f_search_text(coalesce(name, '') || ' ' || coalesce(domain, '') || ' ' || coalesce(email, '')) || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9+ ]', '', 'g')`,
    ),
    sortKey: sortKey("sort_key", "name"),
  },
  (t) => [
    uniqueIndex("companies_external_id_key").on(t.externalId),
    index("companies_team_idx").on(t.teamId),
    index("companies_owner_idx").on(t.ownerId),
    index("companies_domain_idx").on(t.domain),
    // The intake pipeline matches VAT ids in this form (src/domain/intake/vat-id.ts).
    index("companies_vat_idx").on(sql`regexp_replace(upper(${t.vatId}), '[^0-9A-Z+*]', '', 'g')`),
    index("companies_created_idx").on(t.createdAt, t.id),
    // List filters and sorts, partial on live rows like the leads' indexes.
    index("companies_live_created_idx").on(t.createdAt, t.id).where(sql`deleted_at is null`),
    index("companies_team_created_idx").on(t.teamId, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("companies_owner_created_idx").on(t.ownerId, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("companies_updated_idx").on(t.updatedAt, t.id).where(sql`deleted_at is null`),
    index("companies_name_idx").on(t.sortKey, t.id).where(sql`deleted_at is null`),
    index("companies_parent_idx").on(t.parentCompanyId),
    index("companies_tags_idx").using("gin", t.tags),
    index("companies_search_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const contacts = pgTable(
  "contacts",
  {
    ...recordColumns(),
    companyId: uuid("company_id").references(() => companies.id),
    salutation: text("salutation"),
    title: text("title"),
    /** Sie or Du (issue #20): which letter salutation the contact gets. */
    formality: text("formality").notNull().default("formal"),
    firstName: text("first_name"),
    lastName: text("last_name").notNull(),
    jobTitle: text("job_title"),
    department: text("department"),
    /** [{ value, type, primary }]; `email`/`phone` below mirror the primary entry for search and matching. */
    emails: jsonb("emails").notNull().default(sql`'[]'::jsonb`),
    phones: jsonb("phones").notNull().default(sql`'[]'::jsonb`),
    addresses: jsonb("addresses").notNull().default(sql`'[]'::jsonb`),
    email: text("email"),
    phone: text("phone"),
    /** E.164 form of `phone` (libphonenumber), for duplicate matching. */
    phoneNormalized: text("phone_normalized"),
    birthday: date("birthday"),
    leadSource: text("lead_source"),
    description: text("description"),
    marketingConsent: boolean("marketing_consent").notNull().default(false),
    consentSource: text("consent_source"),
    consentAt: tstz("consent_at"),
    /** Set on the record that lost a merge (it is soft-deleted): where its links went. */
    mergedIntoId: uuid("merged_into_id"),
    /**
     * Name, primary email and job title folded by f_search_text (case, accents, German "ae"), then the
     * primary phone's digits and its E.164 form (so "+4930123456" finds "030 123456"): what the list search matches.
     */
    searchText: text("search_text").generatedAlwaysAs(
      sql`f_search_text(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(job_title, '')) || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9+ ]', '', 'g') || ' ' || coalesce(phone_normalized, '')`,
    ),
    sortKey: sortKey("sort_key", "coalesce(last_name, '') || ' ' || coalesce(first_name, '')"),
    /**
     * Every address of `emails` plus the `email` mirror, trimmed and lower-cased (f_email_keys): a sender,
     * submitter or duplicate is matched by any of them with `email_keys && array[…]` on the GIN index (#16).
     */
    emailKeys: text("email_keys").array().notNull().generatedAlwaysAs(sql`f_email_keys(emails, email)`),
  },
  (t) => [
    uniqueIndex("contacts_external_id_key").on(t.externalId),
    index("contacts_team_idx").on(t.teamId),
    index("contacts_owner_idx").on(t.ownerId),
    index("contacts_company_idx").on(t.companyId),
    // fastupdate off: every intake lookup would otherwise scan the pending list (up to 4 MB) linearly.
    index("contacts_email_keys_idx").using("gin", t.emailKeys).with({ fastupdate: "off" }),
    index("contacts_phone_idx").on(t.phoneNormalized),
    index("contacts_created_idx").on(t.createdAt, t.id),
    // List filters and sorts, partial on live rows like the leads' indexes.
    index("contacts_live_created_idx").on(t.createdAt, t.id).where(sql`deleted_at is null`),
    index("contacts_team_created_idx").on(t.teamId, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("contacts_owner_created_idx").on(t.ownerId, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("contacts_updated_idx").on(t.updatedAt, t.id).where(sql`deleted_at is null`),
    index("contacts_name_idx").on(t.sortKey, t.id).where(sql`deleted_at is null`),
    index("contacts_tags_idx").using("gin", t.tags),
    index("contacts_search_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    check("contacts_formality_check", inList("formality", FORMALITIES)),
  ],
);

export const LEAD_STATUS_VALUES = LEAD_STATUSES;
export const LIFECYCLE_VALUES = LIFECYCLE_STAGES;
export const LEAD_SOURCE_VALUES = LEAD_SOURCES;

type FunnelColumn =
  | "createdAt"
  | "ownerId"
  | "teamId"
  | "source"
  | "malAt"
  | "mqlAt"
  | "salAt"
  | "sqlAt"
  | "convertedAt"
  | "convertedDealId";

/** What the funnel reads of a lead (#18), indexed twice: over a sample and over every live lead. */
const funnelColumns = (t: Record<FunnelColumn, AnyPgColumn>) =>
  [
    t.createdAt,
    t.ownerId,
    t.teamId,
    t.source,
    t.malAt,
    t.mqlAt,
    t.salAt,
    t.sqlAt,
    t.convertedAt,
    t.convertedDealId,
  ] as const;

export const leads = pgTable(
  "leads",
  {
    ...recordColumns(),
    status: text("status").notNull().default("new"),
    lifecycleStage: text("lifecycle_stage").notNull().default("mal"),
    source: text("source").notNull().default("manual"),
    sourceDetail: text("source_detail"),
    salutation: text("salutation"),
    title: text("title"),
    /** Sie or Du (issue #20); the conversion carries it to the contact. */
    formality: text("formality").notNull().default("formal"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    companyName: text("company_name"),
    jobTitle: text("job_title"),
    department: text("department"),
    email: text("email"),
    phone: text("phone"),
    mobile: text("mobile"),
    website: text("website"),
    street: text("street"),
    postalCode: text("postal_code"),
    city: text("city"),
    country: text("country"),
    interest: text("interest"),
    estimatedValue: numeric("estimated_value", { precision: 14, scale: 2 }),
    currency: text("currency").notNull().default("EUR"),
    contactId: uuid("contact_id").references(() => contacts.id),
    companyId: uuid("company_id").references(() => companies.id),
    /** { budget: { state, amount?, currency? }, authority: { state, detail? }, need: …, timeline: { state, date? } } */
    bant: jsonb("bant")
      .notNull()
      .default(
        sql`'{"budget":{"state":"unknown"},"authority":{"state":"unknown"},"need":{"state":"unknown"},"timeline":{"state":"unknown"}}'::jsonb`,
      ),
    score: integer("score").notNull().default(0),
    scoreReasons: jsonb("score_reasons").notNull().default(sql`'[]'::jsonb`),
    deadReason: text("dead_reason"),
    malAt: tstz("mal_at").defaultNow(),
    mqlAt: tstz("mql_at"),
    salAt: tstz("sal_at"),
    sqlAt: tstz("sql_at"),
    convertedAt: tstz("converted_at"),
    convertedContactId: uuid("converted_contact_id").references(() => contacts.id),
    convertedCompanyId: uuid("converted_company_id").references(() => companies.id),
    convertedDealId: uuid("converted_deal_id"),
    /** E.164 forms of phone and mobile (libphonenumber), for duplicate matching. */
    phoneNormalized: text("phone_normalized"),
    mobileNormalized: text("mobile_normalized"),
    assignedAt: tstz("assigned_at"),
    lastActivityAt: tstz("last_activity_at"),
    /** All four BANT criteria met; derived so the list filter has an index. */
    bantQualified: boolean("bant_qualified").generatedAlwaysAs(
      sql`(bant -> 'budget' ->> 'state') = 'met' and (bant -> 'authority' ->> 'state') = 'met' and (bant -> 'need' ->> 'state') = 'met' and (bant -> 'timeline' ->> 'state') = 'met'`,
    ),
    /** Name, company and email folded by f_search_text, phone digits: what the list search matches. */
    searchText: text("search_text").generatedAlwaysAs(
      sql`f_search_text(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(company_name, '') || ' ' || coalesce(email, '')) || ' ' || regexp_replace(coalesce(phone, '') || ' ' || coalesce(mobile, ''), '[^0-9+ ]', '', 'g')`,
    ),
    sortKey: sortKey("sort_key", "coalesce(last_name, '') || ' ' || coalesce(first_name, '')"),
    companySortKey: sortKey("company_sort_key", "coalesce(company_name, '')"),
  },
  (t) => [
    // Every list filter and sort of the UI has an index; all are partial on live (not deleted) rows.
    // The team, owner and owner-team indexes also INCLUDE search_text (the team one owner_id too) since
    // migrations 20261123075846 and 20261123094439_leads_owner_team_index (drizzle-kit cannot express INCLUDE), for
    // the salesperson's search in parts (lead-list.repository.ts, permission-gate.ts visibleParts).
    uniqueIndex("leads_external_id_key").on(t.externalId),
    index("leads_team_created_idx").on(t.teamId, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("leads_owner_created_idx").on(t.ownerId, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("leads_owner_team_created_idx")
      .on(t.ownerId, t.teamId, t.createdAt, t.id)
      .where(sql`deleted_at is null`),
    index("leads_status_created_idx").on(t.status, t.createdAt, t.id).where(sql`deleted_at is null`),
    // The dashboard's "my open leads by status" (#18): counted from the index alone.
    index("leads_owner_status_idx").on(t.ownerId, t.status).where(sql`deleted_at is null`),
    index("leads_lifecycle_created_idx")
      .on(t.lifecycleStage, t.createdAt, t.id)
      .where(sql`deleted_at is null`),
    index("leads_source_created_idx").on(t.source, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("leads_source_detail_created_idx")
      .on(t.sourceDetail, t.createdAt, t.id)
      .where(sql`deleted_at is null`),
    index("leads_created_idx").on(t.createdAt, t.id).where(sql`deleted_at is null`),
    index("leads_bant_created_idx").on(t.bantQualified, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("leads_updated_idx").on(t.updatedAt, t.id).where(sql`deleted_at is null`),
    index("leads_score_idx").on(t.score, t.id).where(sql`deleted_at is null`),
    // Only leads that hold "recent activity" points: the recency job (src/server/jobs) finds those whose
    // window has passed here. Deleted leads too, so a restored lead shows a true score.
    index("leads_recent_activity_idx")
      .on(t.lastActivityAt, t.id)
      .where(sql`score_reasons @> '[{"kind":"recent_activity"}]'::jsonb`),
    index("leads_value_idx").on(sql`coalesce(${t.estimatedValue}, -1)`, t.id).where(sql`deleted_at is null`),
    index("leads_name_idx").on(t.sortKey, t.id).where(sql`deleted_at is null`),
    index("leads_company_name_idx").on(t.companySortKey, t.id).where(sql`deleted_at is null`),
    index("leads_tags_idx").using("gin", t.tags),
    // The trigram index also holds each lead's creation week (f_search_weeks, migration
    // 20261207…_lead_search_weeks), so a newest-first search reads the matches of its last weeks only,
    // however many non-matching leads are newer (lead-search-window.ts, issue #21 point 2).
    // A pending list of at most 256 kB (default 4 MB): every trigram search reads the whole list, and
    // after a bulk import of 100,000 leads it held 417 pages until a vacuum, read by each search
    // (h-search4, BENCHMARKS.md). Inserts still go in batches, just smaller ones.
    index("leads_search_weeks_idx")
      .using("gin", sql`${t.searchText} gin_trgm_ops`, sql`f_search_weeks(${t.createdAt})`)
      .with({ gin_pending_list_limit: 256 }),
    index("leads_email_idx").on(sql`lower(${t.email})`),
    index("leads_phone_idx").on(t.phoneNormalized),
    index("leads_mobile_idx").on(t.mobileNormalized),
    index("leads_contact_idx").on(t.contactId),
    index("leads_company_idx").on(t.companyId),
    // The funnel (#18, schema/funnel.ts): the deals trigger finds a deal's converted leads; the sample
    // (every 16th live lead by its random id's last digit) answers the medians of large periods.
    index("leads_converted_deal_idx").on(t.convertedDealId).where(sql`converted_deal_id is not null`),
    index("leads_funnel_sample_idx")
      .on(...funnelColumns(t))
      .where(sql`deleted_at is null and right(id::text, 1) = '0'`),
    // The same columns over every live lead (#18): the funnel's exact parts — the split days at a
    // period's edges, the medians of a period up to EXACT_MEDIAN_LEADS (the dashboard's month) — read
    // the leads of a creation range from the index alone (92 instead of 1,336 buffers for a month at
    // 100k leads) instead of one heap page per lead.
    index("leads_funnel_edge_idx")
      .on(...funnelColumns(t))
      .where(sql`deleted_at is null`),
    check("leads_status_check", inList("status", LEAD_STATUS_VALUES)),
    check("leads_lifecycle_check", inList("lifecycle_stage", LIFECYCLE_VALUES)),
    check("leads_source_check", inList("source", LEAD_SOURCE_VALUES)),
    check("leads_formality_check", inList("formality", FORMALITIES)),
    check("leads_dead_reason_check", sql`status <> 'dead' or dead_reason is not null`),
  ],
);

export const pipelines = pgTable("pipelines", {
  id: id(),
  name: text("name").notNull(),
  position: integer("position").notNull().default(0),
  isDefault: boolean("is_default").notNull().default(false),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  /** Removed pipelines stay for the deals and history that reference them. */
  deletedAt: tstz("deleted_at"),
});

export const stages = pgTable(
  "stages",
  {
    id: id(),
    pipelineId: uuid("pipeline_id")
      .notNull()
      .references(() => pipelines.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    probability: integer("probability").notNull().default(0),
    rottingDays: integer("rotting_days"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Removed stages stay for the stage history (and closed deals) that name them. */
    deletedAt: tstz("deleted_at"),
  },
  (t) => [
    index("stages_pipeline_idx").on(t.pipelineId, t.position),
    check("stages_probability_check", sql`probability between 0 and 100`),
  ],
);

export const DEAL_STATUS_VALUES = ["open", "won", "lost"] as const;

export const deals = pgTable(
  "deals",
  {
    ...recordColumns(),
    title: text("title").notNull(),
    companyId: uuid("company_id").references(() => companies.id),
    pipelineId: uuid("pipeline_id")
      .notNull()
      .references(() => pipelines.id),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => stages.id),
    /** Order within the stage column; fractional so a move rewrites one row. */
    position: doublePrecision("position").notNull().default(0),
    amount: numeric("amount", { precision: 14, scale: 2 }),
    currency: text("currency").notNull().default("EUR"),
    /** null: the stage's probability applies. */
    probability: integer("probability"),
    expectedCloseDate: date("expected_close_date"),
    status: text("status").notNull().default("open"),
    lostReason: text("lost_reason"),
    closedAt: tstz("closed_at"),
    stageEnteredAt: tstz("stage_entered_at").notNull().defaultNow(),
    sourceLeadId: uuid("source_lead_id").references(() => leads.id),
    /**
     * The source of the live lead the deal came from, kept by triggers (migration deal_lead_source):
     * "won revenue by source" reads it from deals_closed_report_idx without a lookup per deal (#18).
     */
    leadSource: text("lead_source"),
    description: text("description"),
    /** The title folded by f_search_text (case, accents, German "ae"): what the list and global search match. */
    searchText: text("search_text").generatedAlwaysAs(sql`f_search_text(title)`),
    sortKey: sortKey("sort_key", "title"),
  },
  (t) => [
    uniqueIndex("deals_external_id_key").on(t.externalId),
    index("deals_team_idx").on(t.teamId),
    // List filters and sorts, partial on live rows like the leads' indexes.
    index("deals_live_created_idx").on(t.createdAt, t.id).where(sql`deleted_at is null`),
    index("deals_owner_created_idx").on(t.ownerId, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("deals_team_created_idx").on(t.teamId, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("deals_status_created_idx").on(t.status, t.createdAt, t.id).where(sql`deleted_at is null`),
    index("deals_close_idx").on(t.expectedCloseDate, t.id).where(sql`deleted_at is null`),
    index("deals_amount_idx").on(sql`coalesce(${t.amount}, -1)`, t.id).where(sql`deleted_at is null`),
    index("deals_updated_idx").on(t.updatedAt, t.id).where(sql`deleted_at is null`),
    index("deals_title_idx").on(t.sortKey, t.id).where(sql`deleted_at is null`),
    index("deals_source_lead_idx").on(t.sourceLeadId),
    index("deals_tags_idx").using("gin", t.tags),
    index("deals_search_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    // With team_id: whether a salesperson owns deals outside their team is an index range (#18,
    // stage-stay-stats.repository.ts readerStayScope).
    index("deals_owner_idx").on(t.ownerId, t.teamId),
    index("deals_company_idx").on(t.companyId),
    index("deals_board_idx").on(t.pipelineId, t.stageId, t.status, t.position),
    index("deals_created_idx").on(t.createdAt, t.id),
    // Reports: closed deals by when they closed; open deals by expected close (forecast, health).
    // Closed deals of a period, read from the index alone (won/lost figures, cycle, won by source, the
    // leaderboard's won part): the gate's owner/team and the summed columns ride along (#18).
    index("deals_closed_report_idx")
      .on(
        t.status,
        t.closedAt,
        t.ownerId,
        t.teamId,
        t.pipelineId,
        t.currency,
        t.amount,
        t.createdAt,
        t.sourceLeadId,
        t.leadSource,
      )
      .where(sql`deleted_at is null`),
    // Open deals by stage, read from the index alone: pipeline by stage, forecast, health counts and
    // the leaderboard's open part sum what the reader sees without reading the deals' rows (#18).
    index("deals_open_report_idx")
      .on(
        t.stageId,
        t.ownerId,
        t.teamId,
        t.pipelineId,
        t.currency,
        t.amount,
        t.probability,
        t.expectedCloseDate,
        t.stageEnteredAt,
        t.id,
      )
      .where(sql`deleted_at is null and status = 'open'`),
    // The funnel's won step: a lead's converted deal, if won, and when (#18). The funnel's per-lead
    // parts (the split days, the medians' sample) read this small index instead of hashing the
    // deals' rows (a sequential scan of every deal per request).
    index("deals_won_closed_idx").on(t.id, t.closedAt).where(sql`deleted_at is null and status = 'won'`),
    // Open deals by expected close, with what the forecast sums and the gate's columns: the current
    // month's days before today (forecastRowsKept) are read from the index alone (#18).
    index("deals_open_close_idx")
      .on(
        t.expectedCloseDate,
        t.ownerId,
        t.teamId,
        t.pipelineId,
        t.stageId,
        t.currency,
        t.amount,
        t.probability,
      )
      .where(sql`deleted_at is null and status = 'open'`),
    // Lost deals of a period with their reason, read from the index alone (pipeline's lost reasons, #18).
    index("deals_lost_report_idx")
      .on(t.closedAt, t.ownerId, t.teamId, t.pipelineId, t.leadSource, t.lostReason)
      .where(sql`deleted_at is null and status = 'lost'`),
    // Health's "needs attention" page: open deals longest in their stage first, read in order up to the page.
    index("deals_open_stage_entered_idx")
      .on(t.stageEnteredAt, t.id)
      .where(sql`deleted_at is null and status = 'open'`),
    check("deals_status_check", inList("status", DEAL_STATUS_VALUES)),
  ],
);

export const dealContacts = pgTable(
  "deal_contacts",
  {
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id),
    isPrimary: boolean("is_primary").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.dealId, t.contactId] }),
    index("deal_contacts_contact_idx").on(t.contactId),
  ],
);

export const dealStageHistory = pgTable(
  "deal_stage_history",
  {
    id: id(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => stages.id),
    enteredAt: tstz("entered_at").notNull().defaultNow(),
    leftAt: tstz("left_at"),
    movedBy: uuid("moved_by").references(() => users.id),
  },
  (t) => [
    index("deal_stage_history_deal_idx").on(t.dealId, t.enteredAt),
    // Time in stage (median, p75) per stage over finished stays: the reports and the health flags.
    index("deal_stage_history_stage_idx").on(t.stageId, t.leftAt),
  ],
);

export const ACTIVITY_TYPE_VALUES = ACTIVITY_TYPES;

export const activities = pgTable(
  "activities",
  {
    ...recordColumns(),
    type: text("type").notNull(),
    subject: text("subject").notNull(),
    body: text("body"),
    dueAt: tstz("due_at"),
    startsAt: tstz("starts_at"),
    endsAt: tstz("ends_at"),
    done: boolean("done").notNull().default(false),
    doneAt: tstz("done_at"),
    leadId: uuid("lead_id").references(() => leads.id),
    contactId: uuid("contact_id").references(() => contacts.id),
    companyId: uuid("company_id").references(() => companies.id),
    dealId: uuid("deal_id").references(() => deals.id),
    /** When it happens: a meeting's start, else a task's due time. Calendar, My work and reminders sort by it. */
    occursAt: tstz("occurs_at").generatedAlwaysAs(sql`coalesce(starts_at, due_at)`),
  },
  (t) => [
    uniqueIndex("activities_external_id_key").on(t.externalId),
    index("activities_owner_occurs_idx").on(t.ownerId, t.occursAt).where(sql`deleted_at is null`),
    index("activities_open_occurs_idx").on(t.occursAt).where(sql`deleted_at is null and done = false`),
    // The dashboard's overdue and today's tasks of one owner (#18): counted from the index alone.
    index("activities_owner_open_occurs_idx")
      .on(t.ownerId, t.occursAt, t.type)
      .where(sql`deleted_at is null and done = false`),
    index("activities_lead_idx").on(t.leadId, t.createdAt),
    index("activities_contact_idx").on(t.contactId, t.createdAt),
    index("activities_company_idx").on(t.companyId, t.createdAt),
    index("activities_deal_idx").on(t.dealId, t.createdAt),
    index("activities_owner_due_idx").on(t.ownerId, t.done, t.dueAt),
    // Pipeline health: does an open deal have an open activity?
    index("activities_deal_open_idx").on(t.dealId).where(sql`deleted_at is null and done = false`),
    check("activities_type_check", inList("type", ACTIVITY_TYPE_VALUES)),
  ],
);

export const activityParticipants = pgTable(
  "activity_participants",
  {
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id),
    contactId: uuid("contact_id").references(() => contacts.id),
  },
  (t) => [
    index("activity_participants_activity_idx").on(t.activityId),
    index("activity_participants_user_idx").on(t.userId),
    index("activity_participants_contact_idx").on(t.contactId),
  ],
);

/**
 * The bell: reminders (one row per user, activity and kind, so several processes never double-notify)
 * and notices to a user that need no activity (a webhook switched off).
 */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    activityId: uuid("activity_id").references(() => activities.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    createdAt: createdAt(),
    readAt: tstz("read_at"),
    /**
     * A `notice` (kind "notice", no activity): a message code with its values and where it leads, e.g.
     * `{ code: "webhook_disabled_notice", params: { url, days }, link: "/settings/webhooks" }`.
     */
    notice: jsonb("notice").$type<{ code: string; params: Record<string, string | number>; link: string }>(),
  },
  (t) => [
    uniqueIndex("notifications_once_idx").on(t.userId, t.activityId, t.kind),
    index("notifications_user_idx").on(t.userId, t.createdAt),
  ],
);

/** Each user's private iCalendar feed: only the SHA-256 of the URL token is stored; deleting the row revokes it. */
export const calendarFeeds = pgTable("calendar_feeds", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
});

/** Server-side secrets shared by every app process (e.g. the CSRF HMAC key); generated on first start. */
export const appSecrets = pgTable("app_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: createdAt(),
});

/** Named list views per user: filters, sort and visible columns of one entity's list. */
export const savedViews = pgTable(
  "saved_views",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    entity: text("entity").notNull(),
    name: text("name").notNull(),
    filters: jsonb("filters").notNull(),
    sort: text("sort"),
    columns: jsonb("columns"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("saved_views_user_idx").on(t.userId, t.entity)],
);

/** Round-robin assignment: who in a team got the last new lead. */
export const roundRobinState = pgTable("round_robin_state", {
  teamId: uuid("team_id")
    .primaryKey()
    .references(() => teams.id, { onDelete: "cascade" }),
  lastUserId: uuid("last_user_id").references(() => users.id),
  updatedAt: updatedAt(),
});

export const JOB_STATE_VALUES = ["queued", "running", "done", "failed", "cancelled"] as const;

/**
 * Background jobs (src/server/jobs): queued by a change (in its transaction) or by a schedule, run by
 * one app process at a time. A running job belongs to the process whose lease (`locked_until`) is
 * live; a crashed process's job is taken over after the lease and resumes at `cursor`.
 */
export const backgroundJobs = pgTable(
  "background_jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    name: text("name").notNull(),
    state: text("state").notNull().default("queued"),
    runAfter: tstz("run_after").notNull().defaultNow(),
    /** Counts claims; a process only writes progress under the attempt it claimed (a fence). */
    attempts: integer("attempts").notNull().default(0),
    lockedUntil: tstz("locked_until"),
    /** Where a batched job got to (e.g. the last lead id), saved with each batch. */
    cursor: text("cursor"),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    startedAt: tstz("started_at"),
    finishedAt: tstz("finished_at"),
  },
  (t) => [
    // One waiting job per kind: enqueueing again while one waits changes nothing.
    uniqueIndex("background_jobs_queued_key").on(t.name).where(sql`state = 'queued'`),
    index("background_jobs_open_idx").on(t.runAfter, t.id).where(sql`state in ('queued', 'running')`),
    index("background_jobs_name_idx").on(t.name, t.id),
    check("background_jobs_state_check", inList("state", JOB_STATE_VALUES)),
  ],
);
export * from "./schema/accounts.js";
export * from "./schema/custom-fields.js";
export * from "./schema/funnel.js";
export * from "./schema/gdpr.js";
export * from "./schema/imports.js";
export * from "./schema/intake.js";
export * from "./schema/mail.js";
export * from "./schema/permissions.js";
export * from "./schema/quotes.js";
export * from "./schema/reports.js";
export * from "./schema/stage-stays.js";
export * from "./schema/sync.js";
export * from "./schema/webhooks.js";
export * from "./schema/win-model.js";
