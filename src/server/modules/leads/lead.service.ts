import { EMPTY_BANT } from "@domain/leads/bant";
import { LEAD_AUDITED_FIELDS } from "@domain/leads/lead-fields";
import {
  applyStatusEdit,
  type LeadStatus,
  statusAfterOwnerActivity,
  statusForNewLead,
  statusInSalesStage,
} from "@domain/leads/lead-status";
import { changeLifecycle, isSalesStage, type LifecycleStage, type StageTimes } from "@domain/leads/lifecycle";
import type { ScoreRule } from "@domain/leads/score";
import { normalizePhone } from "@domain/phone-number";
import { can } from "@domain/policy/policy";
import { authorize } from "@server/access/authorize";
import { visibleWhere } from "@server/access/permission-gate";
import {
  assertAllowedTeam,
  assertAssignableOwner,
  assertCurrentVersion,
  assertOwnershipChangeWith,
  ownerTheCreatorSees,
} from "@server/access/record-guards";
import { leadGateShape, leadVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { companies, contacts, leads } from "@server/db/schema";
import { notFound, ruleViolation, ruleViolationOf } from "@server/errors";
import { audit, auditEntry, auditMany, fieldChanges } from "@server/modules/audit/audit";
import { softDelete } from "@server/modules/audit/soft-delete";
import { customFieldsOfWrite } from "@server/modules/custom-fields/record-custom-fields";
import { readScoreRulesForWrite, readSettingsForWrite } from "@server/modules/settings/settings.service";
import { leadWinProbability } from "@server/modules/win-model/win-model.service";
import type { CreateLeadInput, UpdateLeadInput } from "@shared/schemas/lead";
import type { AppSettings } from "@shared/schemas/settings";
import { and, eq, isNotNull } from "drizzle-orm";
import { toLead } from "./lead.mapper";
import * as repo from "./lead.repository";
import { bantQualifiedOf, nextRoundRobinOwner, scoreOf } from "./lead-rules";

type LeadFieldInput = Omit<
  UpdateLeadInput,
  "status" | "deadReason" | "lifecycleReason" | "version" | "lifecycleStage"
>;

/** Maps the API's field names onto columns, for the keys present in the input only. */
function columnsFrom(input: LeadFieldInput): Partial<repo.NewLeadRow> {
  const { estimatedValue, phone, mobile, ...plain } = input;
  const values: Partial<repo.NewLeadRow> = { ...(plain as Partial<repo.NewLeadRow>) };
  if ("estimatedValue" in input) {
    values.estimatedValue = estimatedValue?.amount ?? null;
    if (estimatedValue) values.currency = estimatedValue.currency;
  }
  if ("phone" in input)
    Object.assign(values, { phone: phone ?? null, phoneNormalized: normalizePhone(phone) });
  if ("mobile" in input)
    Object.assign(values, { mobile: mobile ?? null, mobileNormalized: normalizePhone(mobile) });
  return values;
}

export async function assertLinksVisible(
  ctx: ServiceContext,
  db: DbOrTx,
  input: { contactId?: string | null | undefined; companyId?: string | null | undefined },
) {
  if (input.contactId) {
    const [row] = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.id, input.contactId), visibleWhere(ctx.actor, "contact", contacts)));
    if (!row) throw ruleViolation("contact_not_visible").at("contactId");
  }
  if (input.companyId) {
    const [row] = await db
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.id, input.companyId), visibleWhere(ctx.actor, "company", companies)));
    if (!row) throw ruleViolation("company_not_visible").at("companyId");
  }
}

const timesOf = (row: Pick<repo.LeadRow, "malAt" | "mqlAt" | "salAt" | "sqlAt">): StageTimes => ({
  mal: row.malAt,
  mql: row.mqlAt,
  sal: row.salAt,
  sql: row.sqlAt,
});
const timeColumns = (t: StageTimes) => ({ malAt: t.mal, mqlAt: t.mql, salAt: t.sal, sqlAt: t.sql });

/** The restore view: deleted leads are the admin's alone (everyone else gets 403). */
export function deletedLeadsOnly(ctx: ServiceContext) {
  authorize(ctx, "lead.restore");
  return isNotNull(leads.deletedAt);
}

export async function getLead(ctx: ServiceContext, id: string) {
  const row = await repo.findVisibleLead(ctx.db, id, leadGateShape(ctx));
  if (!row) throw notFound("lead_not_found");
  return toLead(row, ctx.actor);
}

/** What planning a lead write needs besides the input: read once per request (a batch: once for all). */
export interface LeadWriteEnv {
  settings: AppSettings;
  scoreRules: ScoreRule[];
  /** The checks that read the database; a batch memoizes them per owner, contact and company. */
  checks: LeadWriteChecks;
}

export interface LeadWriteChecks {
  assignableOwner(ownerId: string): Promise<void>;
  linksVisible(input: {
    contactId?: string | null | undefined;
    companyId?: string | null | undefined;
  }): Promise<void>;
  roundRobinOwner(teamId: string): Promise<string | null>;
  /** The custom field values of the write, checked against the definitions (#20); undefined: unchanged. */
  customFields(
    input: Record<string, unknown> | null | undefined,
    options: { current?: Record<string, unknown> | null; creating: boolean },
  ): Promise<Record<string, unknown> | undefined>;
}

/** The checks of one write, straight to the database. */
export const directLeadChecks = (ctx: ServiceContext, tx: DbOrTx): LeadWriteChecks => ({
  assignableOwner: (ownerId) => assertAssignableOwner(tx, ctx.actor, ownerId, "lead"),
  linksVisible: (input) => assertLinksVisible(ctx, tx, input),
  roundRobinOwner: (teamId) => nextRoundRobinOwner(tx, teamId),
  customFields: (input, options) => customFieldsOfWrite(ctx, tx, "lead", input, options),
});

/** GET /leads/{id}: the lead and its learned win probability (#20 point 3), absent while no model is published. */
export async function getLeadDetail(ctx: ServiceContext, id: string) {
  const lead = await getLead(ctx, id);
  const winProbability = await leadWinProbability(ctx.db, lead.id);
  return winProbability ? { ...lead, winProbability } : lead;
}

export async function createLead(ctx: ServiceContext, input: CreateLeadInput) {
  authorize(ctx, "lead.create");
  return ctx.db.transaction(async (tx) => {
    const { settings, scoreRules } = await readSettingsForWrite(tx);
    const values = await newLeadRow(ctx, input, { settings, scoreRules, checks: directLeadChecks(ctx, tx) });
    const row = await repo.insertLead(tx, values);
    await audit(tx, ctx, "lead.created", row, leadCreatedChanges(row));
    return toLead(row, ctx.actor);
  });
}

/** The `lead.created` entry's changes. */
export const leadCreatedChanges = (row: repo.LeadRow) => ({
  status: { from: null, to: row.status },
  ownerId: row.ownerId,
  lifecycleStage: row.lifecycleStage,
});

/**
 * A new lead's row, scored, after the gate and the rules (the caller authorized `lead.create`):
 * shared by POST /leads and the batch, which inserts many such rows in one statement.
 */
export async function newLeadRow(
  ctx: ServiceContext,
  input: CreateLeadInput,
  { settings, scoreRules, checks }: LeadWriteEnv,
): Promise<repo.NewLeadRow> {
  const teamId = input.teamId ?? ctx.actor.teamId;
  assertAllowedTeam(ctx.actor, teamId);
  if (input.ownerId) await checks.assignableOwner(input.ownerId);
  await checks.linksVisible(input);
  const {
    lifecycleStage: requestedStage,
    teamId: _team,
    ownerId: requestedOwner,
    bant,
    tags,
    customFields: customInput,
    ...fields
  } = input;
  const customFields = await checks.customFields(customInput, { creating: true });
  let ownerId = requestedOwner ?? null;
  if (!ownerId && teamId && settings.roundRobin.enabled && settings.roundRobin.teamIds.includes(teamId)) {
    ownerId = await checks.roundRobinOwner(teamId);
  }
  ownerId = ownerTheCreatorSees(ctx.actor, "lead", { teamId, ownerId });
  const now = new Date();
  const lifecycle = changeLifecycle({
    current: "mal",
    target: requestedStage ?? "mal",
    times: { mal: now, mql: null, sal: null, sql: null },
    bantQualified: bantQualifiedOf({ bant: bant ?? EMPTY_BANT }),
    sqlRequiresBant: settings.sqlRequiresBant,
    now,
  });
  if (!lifecycle.ok)
    throw ruleViolationOf(lifecycle.message).at(
      lifecycle.path === "lifecycleReason" ? "lifecycleStage" : lifecycle.path,
    );
  if (!ownerId && takesSalesLead(ctx, lifecycle.stage)) ownerId = ctx.actor.id;
  const status = statusForNewLead(ownerId);
  const values: repo.NewLeadRow = {
    ...columnsFrom(fields),
    source: input.source,
    bant: bant ?? EMPTY_BANT,
    tags: tags ?? [],
    customFields: customFields ?? {},
    teamId,
    ownerId,
    assignedAt: ownerId ? now : null,
    status: isSalesStage(lifecycle.stage) ? statusInSalesStage(status, ownerId) : status,
    lifecycleStage: lifecycle.stage,
    ...timeColumns(lifecycle.times),
    createdBy: ctx.actor.id,
  };
  return { ...values, ...scoreOf({ ...values, lastActivityAt: null } as repo.LeadRow, scoreRules) };
}

export async function updateLead(ctx: ServiceContext, id: string, input: UpdateLeadInput) {
  return ctx.db.transaction(async (tx) => {
    const { settings, scoreRules } = await readSettingsForWrite(tx);
    const current = await repo.findLeadForUpdate(tx, id, leadVisibility(ctx));
    if (!current) throw notFound("lead_not_found");
    const changes = await leadChangeOf(ctx, current, input, {
      settings,
      scoreRules,
      checks: directLeadChecks(ctx, tx),
    });
    const row = await repo.updateLeadRow(tx, id, changes);
    await auditLeadChange(tx, ctx, current, row, input);
    return toLead(row, ctx.actor);
  });
}

/**
 * The columns an edit writes to a locked, visible lead (scored), after the version, the gate and the
 * rules: shared by PATCH /leads/:id and the batch, which writes many such changes in one statement.
 */
export async function leadChangeOf(
  ctx: ServiceContext,
  current: repo.LeadRow,
  input: UpdateLeadInput,
  { settings, scoreRules, checks }: LeadWriteEnv,
): Promise<Partial<repo.NewLeadRow>> {
  assertCurrentVersion("lead", current, input.version);
  authorize(ctx, "lead.update", current);
  const {
    status: requestedStatus,
    deadReason,
    lifecycleReason,
    version: _v,
    lifecycleStage,
    bant,
    customFields: customInput,
    ...fields
  } = input;
  const customFields = await checks.customFields(customInput, {
    current: current.customFields as Record<string, unknown>,
    creating: false,
  });
  const bantAfter = bant ?? current.bant;
  const now = new Date();
  const lifecycle = changeLifecycle({
    current: current.lifecycleStage as LifecycleStage,
    target: lifecycleStage ?? (current.lifecycleStage as LifecycleStage),
    times: timesOf(current),
    reason: lifecycleReason,
    bantQualified: bantQualifiedOf({ bant: bantAfter }),
    sqlRequiresBant: settings.sqlRequiresBant,
    now,
  });
  if (!lifecycle.ok) throw ruleViolationOf(lifecycle.message).at(lifecycle.path);
  const entersSales = lifecycle.stage !== current.lifecycleStage && isSalesStage(lifecycle.stage);
  if (
    entersSales &&
    !current.ownerId &&
    (current.status === "new" || current.status === "recycled") &&
    fields.ownerId === undefined &&
    requestedStatus === undefined &&
    takesSalesLead(ctx, lifecycle.stage)
  ) {
    fields.ownerId = ctx.actor.id;
  }
  await assertOwnershipChangeWith(ctx.actor, "lead", current, fields, checks.assignableOwner);
  await checks.linksVisible(fields);

  const ownerAfter = fields.ownerId === undefined ? current.ownerId : fields.ownerId;
  const statusOutcome = applyStatusEdit({
    current: current.status as LeadStatus,
    requested: requestedStatus,
    ownerBefore: current.ownerId,
    ownerAfter,
    deadReason: deadReason ?? current.deadReason,
  });
  if (!statusOutcome.ok) {
    const v = statusOutcome.violation;
    throw ruleViolationOf(v.message).at(v.path);
  }
  // Entering SAL/SQL, or getting an owner there, starts the work: in the same write, audited below.
  const startsWork = entersSales || (isSalesStage(lifecycle.stage) && ownerAfter && !current.ownerId);
  const status = startsWork ? statusInSalesStage(statusOutcome.status, ownerAfter) : statusOutcome.status;
  const changes: Partial<repo.NewLeadRow> = {
    ...columnsFrom(fields),
    bant: bantAfter,
    status,
    lifecycleStage: lifecycle.stage,
    ...timeColumns(lifecycle.times),
    deadReason: status === "dead" ? (deadReason ?? current.deadReason) : null,
    ...(ownerAfter && ownerAfter !== current.ownerId ? { assignedAt: now } : {}),
    ...(customFields && { customFields }),
  };
  const merged = { ...current, ...changes } as repo.LeadRow;
  return { ...changes, ...scoreOf(merged, scoreRules) };
}

/**
 * A salesperson who moves an unowned lead into SAL or SQL accepts it for themselves: they become its
 * owner (as they may take leads), so the lead is in process rather than "new" with nobody on it
 * (issue #15 point 10). Others (marketing handing over, an admin sorting) leave the owner open.
 */
function takesSalesLead(ctx: ServiceContext, stage: LifecycleStage): boolean {
  return isSalesStage(stage) && ctx.actor.role === "sales" && can(ctx.actor, "lead.change_owner");
}

/** One audit entry per kind of change, so the timeline can show status and stage moves on their own. */
export async function auditLeadChange(
  db: DbOrTx,
  ctx: ServiceContext,
  before: repo.LeadRow,
  after: repo.LeadRow,
  why: LeadChangeReasons,
) {
  const entries = leadChangeEntries(ctx, before, after, why);
  if (entries.length > 0) await auditMany(db, entries);
}

export interface LeadChangeReasons {
  lifecycleReason?: string | null | undefined;
  deadReason?: string | null | undefined;
}

/** The entries `auditLeadChange` writes (none when nothing audited changed). */
export function leadChangeEntries(
  ctx: ServiceContext,
  before: repo.LeadRow,
  after: repo.LeadRow,
  why: LeadChangeReasons,
) {
  const entries = [];
  if (before.status !== after.status) {
    entries.push(
      auditEntry(ctx, "lead.status_changed", after, {
        from: before.status,
        to: after.status,
        reason: after.status === "dead" ? (why.deadReason ?? after.deadReason) : null,
      }),
    );
  }
  if (before.lifecycleStage !== after.lifecycleStage) {
    entries.push(
      auditEntry(ctx, "lead.lifecycle_changed", after, {
        from: before.lifecycleStage,
        to: after.lifecycleStage,
        reason: why.lifecycleReason ?? null,
      }),
    );
  }
  const changed = fieldChanges(before, after, LEAD_AUDITED_FIELDS);
  if (Object.keys(changed).length > 0) entries.push(auditEntry(ctx, "lead.updated", after, changed));
  return entries;
}

/** Soft delete (who may, and that a converted lead is the admin's to delete: the policy's `lead.delete`). */
export async function deleteLead(ctx: ServiceContext, id: string) {
  await ctx.db.transaction(async (tx) => {
    const current = await repo.findLeadForUpdate(tx, id, leadVisibility(ctx));
    if (!current) throw notFound("lead_not_found");
    authorize(ctx, "lead.delete", current);
    await softDelete(tx, ctx, "lead", id);
  });
}

export async function restoreLead(ctx: ServiceContext, id: string) {
  authorize(ctx, "lead.restore");
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findDeletedLead(tx, id);
    if (!current) throw notFound("lead_not_found:deleted");
    const row = await repo.updateLeadRow(tx, id, { deletedAt: null });
    await audit(tx, ctx, "lead.restored", { id });
    return toLead(row, ctx.actor);
  });
}

export async function findLeadMatches(
  ctx: ServiceContext,
  input: {
    email?: string | undefined;
    phone?: string | undefined;
    mobile?: string | undefined;
    excludeId?: string | undefined;
  },
) {
  const phones = [normalizePhone(input.phone), normalizePhone(input.mobile)].filter(
    (p): p is string => p !== null,
  );
  const rows = await repo.findMatches(ctx.db, {
    email: input.email?.trim() || null,
    phones,
    excludeId: input.excludeId,
    leadVisible: leadVisibility(ctx),
    contactVisible: visibleWhere(ctx.actor, "contact", contacts),
    companyVisible: visibleWhere(ctx.actor, "company", companies),
  });
  return {
    data: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      name: [r.firstName, r.lastName].filter(Boolean).join(" ") || r.companyName || r.email || "—",
      companyName: r.companyName,
      email: r.email,
      phone: r.phone,
      reason: r.reason,
    })),
  };
}

/**
 * Called in the transaction that logs an activity on a lead: stamps the last activity (the score's
 * "recent activity" rule) and, when the lead's owner logs it, starts the work (assigned → in process).
 * A converted lead takes activities but keeps its status.
 */
export async function noteLeadActivity(
  tx: DbOrTx,
  ctx: ServiceContext,
  leadId: string,
  activityOwnerId: string | null,
) {
  const scoreRules = await readScoreRulesForWrite(tx);
  const current = await repo.findLeadForUpdate(tx, leadId, leadVisibility(ctx));
  if (!current) return;
  const status =
    activityOwnerId && activityOwnerId === current.ownerId
      ? statusAfterOwnerActivity(current.status as LeadStatus)
      : (current.status as LeadStatus);
  const changes = { lastActivityAt: new Date(), status };
  const merged = { ...current, ...changes } as repo.LeadRow;
  const row = await repo.updateLeadRow(tx, leadId, {
    ...changes,
    ...scoreOf(merged, scoreRules),
  });
  await auditLeadChange(tx, ctx, current, row, {});
}
