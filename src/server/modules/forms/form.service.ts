import { randomBytes } from "node:crypto";
import { authorize } from "@server/access/authorize";
import { assertCurrentVersion } from "@server/access/record-guards";
import type { ServiceContext } from "@server/context";
import { decodeCursor, encodeCursor, invalidCursor } from "@server/db/keyset";
import { teams } from "@server/db/schema";
import { field, invalidInput, notFound, ruleViolation } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import { message } from "@shared/message-codes";
import { type CreateFormInput, FORM_WHO_FIELDS, type UpdateFormInput } from "@shared/schemas/form";
import { eq } from "drizzle-orm";
import { toForm } from "./form.mapper";
import * as repo from "./form.repository";

/** The checks across fields that a schema cannot make: no field twice, someone to reach, a safe redirect. */
function assertFormRules(form: Pick<CreateFormInput, "fields" | "redirectUrl" | "allowedOrigins">) {
  const errors = [];
  const seen = new Set<string>();
  form.fields.forEach((f, i) => {
    if (seen.has(f.field))
      errors.push(field(`fields.${i}.field`, "form_field_duplicate", { field: f.field }));
    seen.add(f.field);
  });
  if (!form.fields.some((f) => (FORM_WHO_FIELDS as readonly string[]).includes(f.field)))
    errors.push(field("fields", "form_needs_who"));
  if (form.redirectUrl) {
    const origin = new URL(form.redirectUrl).origin;
    if (!form.allowedOrigins.includes(origin)) errors.push(field("redirectUrl", "form_redirect_not_allowed"));
  }
  if (errors.length > 0) throw invalidInput(message("request_invalid_fields", { part: "body" }), errors);
}

async function assertTeam(ctx: ServiceContext, teamId: string | null | undefined) {
  if (!teamId) return;
  const [team] = await ctx.db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
  if (!team) throw ruleViolation("team_not_found").at("teamId");
}

export async function listForms(ctx: ServiceContext, query: { limit: number; cursor?: string | undefined }) {
  authorize(ctx, "form.manage");
  let after: { name: string; id: string } | null = null;
  if (query.cursor) {
    const [name, id] = decodeCursor(query.cursor, 2);
    if (typeof name !== "string" || typeof id !== "string") throw invalidCursor();
    after = { name, id };
  }
  const rows = await repo.listForms(ctx.db, query.limit, after);
  const page = rows.slice(0, query.limit);
  const stats = await repo.submissionStats(
    ctx.db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    data: page.map((r) => toForm(r, stats.get(r.id))),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.sortKey, last.id]) : null,
  };
}

export async function getForm(ctx: ServiceContext, id: string) {
  authorize(ctx, "form.manage");
  const row = await repo.findForm(ctx.db, id);
  if (!row) throw notFound("form_not_found");
  return toForm(row, (await repo.submissionStats(ctx.db, [id])).get(id));
}

export async function createForm(ctx: ServiceContext, input: CreateFormInput) {
  authorize(ctx, "form.manage");
  assertFormRules(input);
  await assertTeam(ctx, input.teamId);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertForm(tx, {
      ...input,
      // 16 random bytes: the key is public, but not guessable from another form's.
      key: randomBytes(16).toString("base64url"),
      createdBy: ctx.actor.id,
    });
    await audit(tx, ctx, "form.created", { id: row.id, entity: "web_form" }, { name: row.name });
    return toForm(row, undefined);
  });
}

export async function updateForm(ctx: ServiceContext, id: string, input: UpdateFormInput) {
  authorize(ctx, "form.manage");
  await assertTeam(ctx, input.teamId);
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findFormForUpdate(tx, id);
    if (!current) throw notFound("form_not_found");
    assertCurrentVersion("form", current, input.version);
    const { version: _v, ...changes } = input;
    assertFormRules({
      fields: changes.fields ?? (current.fields as CreateFormInput["fields"]),
      redirectUrl: changes.redirectUrl === undefined ? current.redirectUrl : changes.redirectUrl,
      allowedOrigins: changes.allowedOrigins ?? current.allowedOrigins,
    });
    const row = await repo.updateForm(tx, id, changes);
    await audit(tx, ctx, "form.updated", { id, entity: "web_form" }, { fields: Object.keys(changes) });
    return toForm(row, (await repo.submissionStats(tx, [id])).get(id));
  });
}

export async function deleteForm(ctx: ServiceContext, id: string) {
  authorize(ctx, "form.manage");
  await ctx.db.transaction(async (tx) => {
    const current = await repo.findFormForUpdate(tx, id);
    if (!current) throw notFound("form_not_found");
    await repo.updateForm(tx, id, { deletedAt: new Date(), active: false });
    await audit(tx, ctx, "form.deleted", { id, entity: "web_form" });
  });
}
