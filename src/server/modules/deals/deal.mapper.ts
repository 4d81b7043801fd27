import type { Principal } from "@domain/access-policy";
import { effectiveProbability } from "@domain/deals/probability";
import { daysSince, isRotting } from "@domain/deals/rotting";
import { BANT_STATES, type BantState } from "@domain/leads/bant";
import { abilitiesOf } from "@domain/policy/policy";
import { customFieldsOfRow } from "@server/modules/custom-fields/custom-field.mapper";
import type { Deal } from "@shared/schemas/deal";
import type { DealView } from "./deal-view.repository";

const iso = (d: Date | null) => d?.toISOString() ?? null;
const isoText = (s: unknown) => (typeof s === "string" && s ? new Date(s).toISOString() : null);
const record = (v: unknown): Record<string, unknown> | null =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const state = (v: unknown): BantState => BANT_STATES.find((s) => s === record(v)?.state) ?? "unknown";

function bantStates(value: unknown): Deal["sourceLeadBant"] {
  const bant = record(value);
  if (!bant) return null;
  return {
    budget: state(bant.budget),
    authority: state(bant.authority),
    need: state(bant.need),
    timeline: state(bant.timeline),
  };
}

function contactList(value: unknown): Deal["contacts"] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    const c = record(v);
    return c && typeof c.contactId === "string"
      ? [{ contactId: c.contactId, name: String(c.name ?? ""), isPrimary: c.isPrimary === true }]
      : [];
  });
}

function nextActivity(value: unknown): Deal["nextActivity"] {
  const a = record(value);
  if (!a || typeof a.id !== "string") return null;
  return { id: a.id, type: String(a.type), subject: String(a.subject ?? ""), at: isoText(a.at) };
}

/** The API shape of a deal as `reader` sees it, from explicit columns (STYLE rule 4). */
export function toDeal(view: DealView, reader: Principal, now = new Date()): Deal {
  const { row } = view;
  const lastActivityAt = isoText(view.lastActivityAt);
  return {
    id: row.id,
    version: row.version,
    externalId: row.externalId,
    title: row.title,
    status: row.status === "won" || row.status === "lost" ? row.status : "open",
    pipelineId: row.pipelineId,
    stageId: row.stageId,
    position: row.position,
    amount: row.amount === null ? null : { amount: row.amount, currency: row.currency },
    probability: effectiveProbability(row.probability, view.stageProbability, row.status),
    probabilityOverride: row.probability,
    expectedCloseDate: row.expectedCloseDate,
    companyId: row.companyId,
    companyName: view.companyName,
    contacts: contactList(view.contacts),
    ownerId: row.ownerId,
    ownerName: view.ownerName,
    teamId: row.teamId,
    sourceLeadId: row.sourceLeadId,
    sourceLeadBant: bantStates(view.leadBant),
    lostReason: row.lostReason,
    closedAt: iso(row.closedAt),
    stageEnteredAt: row.stageEnteredAt.toISOString(),
    daysInStage: daysSince(row.stageEnteredAt, now),
    nextActivity: nextActivity(view.nextActivity),
    lastActivityAt,
    rotting: isRotting({
      status: row.status,
      rottingDays: view.rottingDays,
      stageEnteredAt: row.stageEnteredAt,
      lastActivityAt: lastActivityAt ? new Date(lastActivityAt) : null,
      now,
    }),
    description: row.description,
    tags: row.tags,
    customFields: customFieldsOfRow(row.customFields),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: abilitiesOf(reader, "deal", row),
  };
}
