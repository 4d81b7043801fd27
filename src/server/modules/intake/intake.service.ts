import { randomUUID } from "node:crypto";
import { type IdentityPlan, planIdentities } from "@domain/intake/identity";
import {
  CHANNEL_SOURCE,
  type IntakeChannel,
  type IntakeDecisionKind,
  type IntakeInput,
  type RejectReason,
} from "@domain/intake/intake-types";
import { type IntakeFieldError, type NormalisedIntake, normaliseIntake } from "@domain/intake/normalise";
import { routeTeam } from "@domain/intake/routing";
import { EMPTY_BANT } from "@domain/leads/bant";
import type { LeadSource } from "@domain/leads/lead-source";
import { statusForNewLead } from "@domain/leads/lead-status";
import type { DbOrTx } from "@server/db/client";
import { insertRowsAsJson, sameColumns } from "@server/db/json-insert";
import { leads } from "@server/db/schema";
import type { LiveMessage } from "@server/live/live-message";
import { leadChanged } from "@server/live/live-message";
import type { NewLeadRow } from "@server/modules/leads/lead.repository";
import { nextRoundRobinOwners, scoreOf } from "@server/modules/leads/lead-rules";
import { readSettingsForWrite } from "@server/modules/settings/settings.service";
import type { IntakeSettings } from "@shared/schemas/intake";
import { sql } from "drizzle-orm";
import * as repo from "./intake.repository";
import { readIntakeSettings } from "./intake-settings";

/** Who hands the batch over: a user (API, import) or nobody (a public form, a mail). */
export interface IntakeContext {
  actor: { id: string } | null;
  requestId?: string | null | undefined;
}

export interface IntakeOptions {
  /** The lead source; the channel's default (CHANNEL_SOURCE) when absent. */
  source?: LeadSource | undefined;
  /** The channel's own team (a form's): routing rules apply only without one. */
  teamId?: string | null | undefined;
  formId?: string | null | undefined;
  formVersion?: number | null | undefined;
  /** Default source detail for rows without their own (form name, mailbox, file name). */
  sourceDetail?: string | null | undefined;
  /** HMAC of the client address, kept with a consent as its proof. */
  clientHash?: string | null | undefined;
  /** Tags every created lead gets. */
  tags?: readonly string[] | undefined;
  /** The intake settings when the caller read them already (a form submission, for its checks). */
  settings?: IntakeSettings | undefined;
}

/** The pipeline's answer for one submission (its index in the batch). */
export interface IntakeDecision {
  index: number;
  decision: IntakeDecisionKind;
  reason: RejectReason | null;
  errors: IntakeFieldError[];
  leadId: string | null;
  contactId: string | null;
  companyId: string | null;
  intakeId: string;
}

export interface IntakeResult {
  decisions: IntakeDecision[];
  /** Live events to publish after the caller's transaction committed. */
  live: LiveMessage[];
}

/** A row's plan before anything is written: what a dry run shows. */
export type PlannedIntake =
  | { index: number; kind: "rejected"; errors: IntakeFieldError[] }
  | { index: number; kind: "planned"; row: NormalisedIntake; plan: IdentityPlan; teamId: string | null };

const DAY_MS = 86_400_000;

/**
 * Normalises, resolves and routes a batch without writing: the file import's dry run, and the first
 * half of `intakeBatch`. Set-based: one query per key type for the whole batch.
 */
export async function planIntakeBatch(
  tx: DbOrTx,
  channel: IntakeChannel,
  inputs: readonly IntakeInput[],
  options: IntakeOptions = {},
): Promise<PlannedIntake[]> {
  const settings = options.settings ?? (await readIntakeSettings(tx));
  const defaults = { region: settings.defaultRegion };
  const source = options.source ?? CHANNEL_SOURCE[channel];
  const results = inputs.map((input) => normaliseIntake(input, defaults));
  const valid: { index: number; row: NormalisedIntake }[] = [];
  results.forEach((result, index) => {
    if (result.ok) valid.push({ index, row: result.row });
  });
  const since = new Date(Date.now() - settings.duplicateWindowDays * DAY_MS);
  const known = await repo.resolveIdentities(
    tx,
    valid.map((v) => v.row),
    { source, since },
  );
  const plans = planIdentities(
    valid.map((v) => v.row),
    known,
  );
  const planned: PlannedIntake[] = results.map((result, index) =>
    result.ok ? { index, kind: "rejected", errors: [] } : { index, kind: "rejected", errors: result.errors },
  );
  valid.forEach(({ index, row }, i) => {
    const plan = plans[i];
    if (!plan) return;
    const teamId = routeTeam(
      { countryCode: row.countryCode, postalCode: row.values.postalCode },
      settings.routingRules,
      options.teamId,
    );
    planned[index] = { index, kind: "planned", row, plan, teamId };
  });
  return planned;
}

/** The lead's source detail: the row's own, else the channel's, with the campaign after it. */
function sourceDetailOf(row: NormalisedIntake, options: IntakeOptions): string | null {
  const detail = row.sourceDetail ?? options.sourceDetail ?? null;
  const full = [detail, row.campaign].filter(Boolean).join(" / ");
  return full ? full.slice(0, 200) : null;
}

/**
 * The one intake pipeline: normalise → resolve identity → route → record, for one submission or a
 * batch of thousands, inside the caller's transaction. Each submission gets a decision (created,
 * linked to a known contact, added to an open lead of the same person, rejected with the fields at
 * fault), stored in `intake_log`. Writes are multi-row: a batch costs a fixed number of statements
 * (plus round-robin's three per team).
 */
export async function intakeBatch(
  tx: DbOrTx,
  ctx: IntakeContext,
  channel: IntakeChannel,
  inputs: readonly IntakeInput[],
  options: IntakeOptions = {},
): Promise<IntakeResult> {
  return recordIntakeBatch(tx, ctx, channel, await planIntakeBatch(tx, channel, inputs, options), options);
}

/**
 * The pipeline's second half: records a batch `planIntakeBatch` planned (with the same options), so a
 * caller that already planned it for its own checks (the file import) does not plan it again. Each
 * planned row's `index` is its place in `planned`.
 */
export async function recordIntakeBatch(
  tx: DbOrTx,
  ctx: IntakeContext,
  channel: IntakeChannel,
  planned: readonly PlannedIntake[],
  options: IntakeOptions = {},
): Promise<IntakeResult> {
  const { settings: appSettings, scoreRules } = await readSettingsForWrite(tx);
  const source = options.source ?? CHANNEL_SOURCE[channel];
  const now = new Date();
  const actorId = ctx.actor?.id ?? null;
  const requestId = ctx.requestId ?? null;

  // Round-robin turns per team, taken once for all of the batch's new leads of that team.
  const creates = planned.filter(
    (p): p is Extract<PlannedIntake, { kind: "planned" }> => p.kind === "planned" && p.plan.kind === "create",
  );
  const ownersByTeam = new Map<string, string[]>();
  if (appSettings.roundRobin.enabled) {
    const counts = new Map<string, number>();
    for (const p of creates)
      if (p.teamId && appSettings.roundRobin.teamIds.includes(p.teamId))
        counts.set(p.teamId, (counts.get(p.teamId) ?? 0) + 1);
    for (const [teamId, count] of counts)
      ownersByTeam.set(teamId, await nextRoundRobinOwners(tx, teamId, count));
  }

  const leadValues: NewLeadRow[] = creates.map((p) => {
    const ownerId = (p.teamId ? ownersByTeam.get(p.teamId)?.shift() : undefined) ?? null;
    const { row } = p;
    const plan = p.plan as Extract<IdentityPlan, { kind: "create" }>;
    const values: NewLeadRow = {
      ...row.values,
      phoneNormalized: row.phoneE164,
      mobileNormalized: row.mobileE164,
      source,
      sourceDetail: sourceDetailOf(row, options),
      bant: EMPTY_BANT,
      tags: [...(options.tags ?? [])],
      teamId: p.teamId,
      ownerId,
      assignedAt: ownerId ? now : null,
      status: statusForNewLead(ownerId),
      lifecycleStage: "mal",
      malAt: now,
      contactId: plan.contactId,
      companyId: plan.companyId,
      createdBy: actorId,
    };
    return {
      ...values,
      ...scoreOf({ ...values, lastActivityAt: null } as Parameters<typeof scoreOf>[0], scoreRules),
    };
  });
  const inserted = await insertLeads(tx, leadValues);
  const leadOfCreate = new Map<number, (typeof inserted)[number]>();
  creates.forEach((p, i) => {
    const lead = inserted[i];
    if (lead) leadOfCreate.set(p.index, lead);
  });

  const decisions: Omit<IntakeDecision, "intakeId">[] = planned.map((p) => {
    if (p.kind === "rejected")
      return {
        index: p.index,
        decision: "rejected",
        reason: "invalid",
        errors: p.errors,
        leadId: null,
        contactId: null,
        companyId: null,
      };
    const { plan } = p;
    if (plan.kind === "create") {
      const lead = leadOfCreate.get(p.index);
      return {
        index: p.index,
        decision: plan.contactId ? "linked" : "created",
        reason: null,
        errors: [],
        leadId: lead?.id ?? null,
        contactId: plan.contactId,
        companyId: plan.companyId,
      };
    }
    const leadId = plan.kind === "added" ? plan.leadId : (leadOfCreate.get(plan.index)?.id ?? null);
    const contactId = plan.kind === "added" ? plan.contactId : null;
    return {
      index: p.index,
      decision: "added",
      reason: null,
      errors: [],
      leadId,
      contactId,
      companyId: null,
    };
  });

  const audits: repo.NewAuditRow[] = [];
  const consents: repo.NewConsentRow[] = [];
  for (const p of planned) {
    if (p.kind !== "planned") continue;
    const decision = decisions[p.index];
    const leadId = decision?.leadId;
    if (!decision || !leadId) continue;
    const created = leadOfCreate.get(p.index);
    if (created) {
      audits.push({
        actorId,
        requestId,
        action: "lead.created",
        entityType: "lead",
        entityId: leadId,
        changes: {
          status: { from: null, to: created.status },
          ownerId: created.ownerId,
          lifecycleStage: "mal",
        },
      });
    }
    audits.push({
      actorId,
      requestId,
      action: "lead.intake_received",
      entityType: "lead",
      entityId: leadId,
      changes: receivedChanges(channel, decision.decision, p.row, options, sourceDetailOf(p.row, options)),
    });
    const consent = p.row.consent;
    if (consent?.given && consent.text) {
      consents.push({
        leadId,
        formId: options.formId ?? null,
        formVersion: options.formVersion ?? null,
        policyVersion: consent.policyVersion,
        consentText: consent.text,
        givenAt: now,
        ipHash: options.clientHash ?? null,
      });
    }
  }
  await repo.insertAuditRows(tx, audits);
  await repo.insertConsents(tx, consents);
  const logRows = decisions.map((d): repo.NewIntakeLogRow => {
    const p = planned[d.index];
    const created = leadOfCreate.get(d.index);
    return {
      channel,
      decision: d.decision,
      reason: d.reason,
      reasonDetail: d.errors.length ? d.errors.map((e) => ({ path: e.path, code: e.code })) : null,
      leadId: d.leadId,
      contactId: d.contactId,
      companyId: d.companyId,
      formId: options.formId ?? null,
      teamId: created?.teamId ?? (p?.kind === "planned" ? p.teamId : null),
      sourceDetail: p?.kind === "planned" ? sourceDetailOf(p.row, options) : (options.sourceDetail ?? null),
      utm: p?.kind === "planned" && Object.keys(p.row.utm).length ? p.row.utm : null,
      receivedAt: now,
    };
  });
  const logIds = await repo.insertIntakeLog(tx, logRows);
  const live: LiveMessage[] = [];
  for (const lead of inserted) live.push(leadChanged(lead));
  return {
    decisions: decisions.map((d, i) => ({ ...d, intakeId: logIds[i]?.id ?? "" })),
    live,
  };
}

/** What the lead's timeline shows for a submission: how it came in, and what it said. */
function receivedChanges(
  channel: IntakeChannel,
  decision: IntakeDecisionKind,
  row: NormalisedIntake,
  options: IntakeOptions,
  sourceDetail: string | null,
) {
  const values = Object.fromEntries(Object.entries(row.values).filter(([, v]) => v !== null));
  return {
    channel,
    decision,
    sourceDetail,
    formId: options.formId ?? null,
    campaign: row.campaign,
    utm: Object.keys(row.utm).length ? row.utm : null,
    consent: row.consent?.given ? { policyVersion: row.consent.policyVersion } : null,
    // A repeat's values are kept on the timeline of the lead it joined, so nothing typed is lost.
    values: decision === "added" ? values : null,
  };
}

/**
 * The batch's new leads, in order. Rows of one shape (as `recordIntakeBatch` builds them) go in as one
 * JSON parameter per 5,000 (`insertRowsAsJson`, ids chosen here so each row is found again); any
 * other in multi-row VALUES in chunks that stay under PostgreSQL's 65,535 parameters.
 */
async function insertLeads(tx: DbOrTx, values: NewLeadRow[]) {
  const out: { id: string; teamId: string | null; ownerId: string | null; status: string }[] = [];
  if (!sameColumns(values)) {
    for (let i = 0; i < values.length; i += 500) {
      const rows = await tx
        .insert(leads)
        .values(values.slice(i, i + 500))
        .returning({ id: leads.id, teamId: leads.teamId, ownerId: leads.ownerId, status: leads.status });
      out.push(...rows);
    }
    return out;
  }
  for (let i = 0; i < values.length; i += 5000) {
    const chunk = values.slice(i, i + 5000).map((v) => ({ ...v, id: randomUUID() }));
    const rows = await insertRowsAsJson(
      tx,
      leads,
      chunk,
      sql`id, team_id as "teamId", owner_id as "ownerId", status`,
    );
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    for (const v of chunk) {
      const row = byId.get(v.id);
      if (!row) throw new Error("a new lead was not inserted");
      out.push({
        id: v.id,
        teamId: (row.teamId as string | null) ?? null,
        ownerId: (row.ownerId as string | null) ?? null,
        status: String(row.status),
      });
    }
  }
  return out;
}

/**
 * Logs a submission a channel refused before the pipeline (spam, too fast, rate-limited): the intake
 * view shows it among the decisions.
 */
export async function logRejected(
  tx: DbOrTx,
  channel: IntakeChannel,
  reason: RejectReason,
  options: IntakeOptions = {},
): Promise<string> {
  const [row] = await repo.insertIntakeLog(tx, [
    {
      channel,
      decision: "rejected",
      reason,
      formId: options.formId ?? null,
      teamId: options.teamId ?? null,
      sourceDetail: options.sourceDetail ?? null,
    },
  ]);
  return row?.id ?? "";
}
