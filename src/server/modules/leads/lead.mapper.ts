import type { Bant } from "@domain/leads/bant";
import { isBantQualified } from "@domain/leads/bant";
import type { LeadSource } from "@domain/leads/lead-source";
import type { LeadStatus } from "@domain/leads/lead-status";
import type { LifecycleStage } from "@domain/leads/lifecycle";
import type { ScoreReason } from "@domain/leads/score";
import type { Lead } from "@shared/schemas/lead";
import type { LeadRow } from "./lead.repository";

/** A timestamp as drizzle reads it (Date) or as list pages read it (ISO text, db/page-rows.ts). */
const stamp = (d: Date | string) => (typeof d === "string" ? d : d.toISOString());
const iso = (d: Date | string | null) => (d === null ? null : stamp(d));

/** Columns of leads the API shape does not show: lists do not read them (lead-list.repository.ts). */
export const LEAD_UNMAPPED_COLUMNS = [
  "createdBy",
  "deletedAt",
  "customFields",
  "phoneNormalized",
  "mobileNormalized",
  "bantQualified",
  "searchText",
] as const;
export type LeadMapperRow = Omit<LeadRow, (typeof LEAD_UNMAPPED_COLUMNS)[number]>;
type Stamped<T> = {
  [K in keyof T]: T[K] extends Date ? Date | string : T[K] extends Date | null ? Date | string | null : T[K];
};

/** The API shape of a lead, from explicit columns only (internal columns like search_text never leak). */
export function toLead(row: Stamped<LeadMapperRow>): Lead {
  const bant = row.bant as Bant;
  return {
    id: row.id,
    version: row.version,
    status: row.status as LeadStatus,
    lifecycleStage: row.lifecycleStage as LifecycleStage,
    source: row.source as LeadSource,
    sourceDetail: row.sourceDetail,
    salutation: row.salutation,
    title: row.title,
    firstName: row.firstName,
    lastName: row.lastName,
    companyName: row.companyName,
    jobTitle: row.jobTitle,
    department: row.department,
    email: row.email,
    phone: row.phone,
    mobile: row.mobile,
    website: row.website,
    street: row.street,
    postalCode: row.postalCode,
    city: row.city,
    country: row.country,
    interest: row.interest,
    estimatedValue:
      row.estimatedValue === null ? null : { amount: row.estimatedValue, currency: row.currency },
    ownerId: row.ownerId,
    teamId: row.teamId,
    contactId: row.contactId,
    companyId: row.companyId,
    bant,
    bantQualified: isBantQualified(bant),
    score: row.score,
    scoreReasons: row.scoreReasons as ScoreReason[],
    tags: row.tags,
    lifecycleTimes: { mal: iso(row.malAt), mql: iso(row.mqlAt), sal: iso(row.salAt), sql: iso(row.sqlAt) },
    assignedAt: iso(row.assignedAt),
    lastActivityAt: iso(row.lastActivityAt),
    createdAt: stamp(row.createdAt),
    updatedAt: stamp(row.updatedAt),
    convertedAt: iso(row.convertedAt),
    convertedContactId: row.convertedContactId,
    convertedCompanyId: row.convertedCompanyId,
    convertedDealId: row.convertedDealId,
    deadReason: row.deadReason,
  };
}
