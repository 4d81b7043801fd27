import { can } from "@domain/policy/policy";
import { authorize } from "@server/access/authorize";
import { visibleWhere } from "@server/access/permission-gate";
import type { ServiceContext } from "@server/context";
import { decodeCursor, encodeCursor, invalidCursor } from "@server/db/keyset";
import { intakeLog, leads, teams } from "@server/db/schema";
import { ruleViolation } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import type { IntakeEntry, IntakeSettings } from "@shared/schemas/intake";
import { and, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { readIntakeSettings, writeIntakeSettings } from "./intake-settings";

export interface IntakeListQuery {
  decision?: IntakeEntry["decision"] | undefined;
  channel?: IntakeEntry["channel"] | undefined;
  formId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Recent intake decisions, newest first (keyset on received_at, id). A decision shows only with a
 * lead the viewer may see (the permission gate on the joined lead); decisions without a lead
 * (rejections) only to those who manage forms.
 */
export async function listIntake(ctx: ServiceContext, query: IntakeListQuery) {
  authorize(ctx, "intake.view");
  const gate = or(
    and(isNotNull(intakeLog.leadId), visibleWhere(ctx.actor, "lead", leads)),
    can(ctx.actor, "form.manage") ? isNull(intakeLog.leadId) : sql`false`,
  );
  const where: (SQL | undefined)[] = [gate];
  if (query.decision) where.push(eq(intakeLog.decision, query.decision));
  if (query.channel) where.push(eq(intakeLog.channel, query.channel));
  if (query.formId) where.push(eq(intakeLog.formId, query.formId));
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 2);
    if (typeof at !== "string" || typeof id !== "string" || !UUID.test(id) || Number.isNaN(Date.parse(at)))
      throw invalidCursor();
    const time = new Date(at);
    where.push(or(lt(intakeLog.receivedAt, time), and(eq(intakeLog.receivedAt, time), lt(intakeLog.id, id))));
  }
  const rows = await ctx.db
    .select({
      id: intakeLog.id,
      channel: intakeLog.channel,
      decision: intakeLog.decision,
      reason: intakeLog.reason,
      reasonDetail: intakeLog.reasonDetail,
      leadId: intakeLog.leadId,
      contactId: intakeLog.contactId,
      companyId: intakeLog.companyId,
      formId: intakeLog.formId,
      sourceDetail: intakeLog.sourceDetail,
      receivedAt: intakeLog.receivedAt,
      firstName: leads.firstName,
      lastName: leads.lastName,
      companyName: leads.companyName,
      email: leads.email,
    })
    .from(intakeLog)
    .leftJoin(leads, eq(leads.id, intakeLog.leadId))
    .where(and(...where))
    .orderBy(desc(intakeLog.receivedAt), desc(intakeLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(
      (r): IntakeEntry => ({
        id: r.id,
        channel: r.channel as IntakeEntry["channel"],
        decision: r.decision as IntakeEntry["decision"],
        reason: (r.reason as IntakeEntry["reason"]) ?? null,
        reasonFields: Array.isArray(r.reasonDetail)
          ? (r.reasonDetail as { path: string }[]).map((e) => e.path)
          : null,
        leadId: r.leadId,
        leadName: [r.firstName, r.lastName].filter(Boolean).join(" ") || r.companyName || r.email || null,
        contactId: r.contactId,
        companyId: r.companyId,
        formId: r.formId,
        sourceDetail: r.sourceDetail,
        receivedAt: r.receivedAt.toISOString(),
      }),
    ),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.receivedAt.toISOString(), last.id]) : null,
  };
}

export async function getIntakeSettings(ctx: ServiceContext): Promise<IntakeSettings> {
  authorize(ctx, "settings.read");
  return readIntakeSettings(ctx.db);
}

export async function updateIntakeSettings(
  ctx: ServiceContext,
  input: IntakeSettings,
): Promise<IntakeSettings> {
  authorize(ctx, "settings.manage");
  const teamIds = [...new Set(input.routingRules.map((r) => r.teamId))];
  await ctx.db.transaction(async (tx) => {
    const known = teamIds.length
      ? new Set(
          (await tx.select({ id: teams.id }).from(teams).where(inArray(teams.id, teamIds))).map((t) => t.id),
        )
      : new Set<string>();
    const missing = input.routingRules.findIndex((r) => !known.has(r.teamId));
    if (missing >= 0) throw ruleViolation("team_not_found").at(`routingRules.${missing}.teamId`);
    await writeIntakeSettings(tx, input);
    await audit(tx, ctx, "settings.updated", null, { intake: input });
  });
  return readIntakeSettings(ctx.db);
}
