import { LEAD_INQUIRY_FIELDS } from "@domain/leads/lead-fields";
import type { LeadSource } from "@domain/leads/lead-source";

/**
 * The ways a lead comes in. Every channel passes the same pipeline (`src/server/modules/intake`);
 * the list is open: a new channel is one more name here and its default lead source below.
 */
export const INTAKE_CHANNELS = ["web_form", "email", "import", "api"] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

/** The lead source a channel's leads get when the channel does not name one itself. */
export const CHANNEL_SOURCE: Record<IntakeChannel, LeadSource> = {
  web_form: "web_form",
  email: "email",
  import: "import",
  api: "manual",
};

/** What the pipeline did with one submission (API.md "GET /api/v1/intake"). */
export const INTAKE_DECISIONS = ["created", "linked", "added", "rejected"] as const;
export type IntakeDecisionKind = (typeof INTAKE_DECISIONS)[number];

/** Why a submission was rejected. */
export const REJECT_REASONS = ["invalid", "spam", "too_fast", "rate_limited"] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** The lead's own fields a channel may fill (never owner, status, score or team). */
export const INTAKE_TEXT_FIELDS = LEAD_INQUIRY_FIELDS;
export type IntakeTextField = (typeof INTAKE_TEXT_FIELDS)[number];

/** The longest text each field takes (the lead schema's bounds, src/shared/schemas/lead.ts). */
export const INTAKE_FIELD_MAX: Record<IntakeTextField | "vatId" | "sourceDetail", number> = {
  salutation: 40,
  title: 60,
  firstName: 100,
  lastName: 100,
  companyName: 200,
  jobTitle: 150,
  department: 150,
  email: 254,
  phone: 50,
  mobile: 50,
  website: 300,
  street: 200,
  postalCode: 20,
  city: 100,
  country: 100,
  interest: 5000,
  vatId: 30,
  sourceDetail: 200,
};

export const UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const;
export type UtmKey = (typeof UTM_KEYS)[number];

/** One submission as a channel hands it over: text as typed, nothing trusted yet. */
export type IntakeInput = Partial<Record<IntakeTextField | "vatId", string | null | undefined>> & {
  /** Where it came from: a form's name, a mailbox, an import file (free text, shown on the lead). */
  sourceDetail?: string | null | undefined;
  campaign?: string | null | undefined;
  utm?: Partial<Record<UtmKey, string>> | undefined;
  consent?: IntakeConsent | null | undefined;
};

export interface IntakeConsent {
  given: boolean;
  text: string | null;
  policyVersion: string | null;
}

/** What the normaliser needs from the settings. */
export interface IntakeDefaults {
  /** ISO 3166 region a national phone number is read in (settings, default DE). */
  region: string;
}

/** A lead a repeat submission may join: neither converted nor closed as dead. */
export const OPEN_LEAD_STATUSES = ["new", "assigned", "in_process", "recycled"] as const;
