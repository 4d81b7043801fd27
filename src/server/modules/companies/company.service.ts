import { domainOfWebsite } from "@domain/companies/company-domain";
import { visibleWhere } from "@server/access/permission-gate";
import {
  assertAllowedTeam,
  assertAssignableOwner,
  assertCurrentVersion,
  assertOwnershipChange,
} from "@server/access/record-guards";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { decodeSortedCursor, toPage } from "@server/db/keyset";
import { companies } from "@server/db/schema";
import { notFound, ruleViolation } from "@server/errors";
import { recordAudit } from "@server/modules/audit/audit.repository";
import { fieldChanges } from "@server/modules/audit/audit-diff";
import type { CompanyListQuery, CreateCompanyInput, UpdateCompanyInput } from "@shared/schemas/company";
import { toCompany } from "./company.mapper";
import * as repo from "./company.repository";

export const companyVisibility = (ctx: ServiceContext) => visibleWhere(ctx.actor, "company", companies);

/** A linked company must exist and be visible to the caller (422 on `path` otherwise); gives its name. */
export async function assertVisibleCompany(
  ctx: ServiceContext,
  db: DbOrTx,
  id: string,
  path: string,
): Promise<string> {
  const name = await repo.findVisibleCompanyName(db, id, companyVisibility(ctx));
  if (name === undefined) throw ruleViolation("company_not_visible").at(path);
  return name;
}

type CompanyFieldInput = Omit<UpdateCompanyInput, "version">;

/** Maps the API's fields onto columns, for the keys present in the input only. */
function columnsFrom(input: CompanyFieldInput): Partial<repo.NewCompanyRow> {
  const values: Partial<repo.NewCompanyRow> = { ...input };
  if ("website" in input) values.domain = domainOfWebsite(input.website);
  return values;
}

export async function getCompany(ctx: ServiceContext, id: string) {
  const row = await repo.findCompany(ctx.db, id, companyVisibility(ctx));
  if (!row) throw notFound("company_not_found");
  return toCompany(row);
}

export async function listCompanies(ctx: ServiceContext, query: CompanyListQuery) {
  const where = [companyVisibility(ctx), ...repo.companyFilters(query, ctx.actor.id)];
  const cursor = query.cursor ? decodeSortedCursor(query.cursor, query.sort) : null;
  const rows = await repo.listCompanyRows(ctx.db, { where, sort: query.sort, cursor, limit: query.limit });
  const page = toPage(rows, query.limit, (r) => [query.sort, r.sortKey, r.row.id]);
  return { data: page.data.map((r) => toCompany(r.row)), nextCursor: page.nextCursor };
}

export async function createCompany(ctx: ServiceContext, input: CreateCompanyInput) {
  const teamId = input.teamId ?? ctx.actor.teamId;
  assertAllowedTeam(ctx.actor, teamId);
  const ownerId = input.ownerId === undefined ? ctx.actor.id : input.ownerId;
  return ctx.db.transaction(async (tx) => {
    if (input.ownerId) await assertAssignableOwner(tx, ctx.actor, input.ownerId);
    if (input.parentCompanyId) await assertVisibleCompany(ctx, tx, input.parentCompanyId, "parentCompanyId");
    const row = await repo.insertCompany(tx, {
      ...columnsFrom(input),
      name: input.name,
      tags: input.tags ?? [],
      teamId,
      ownerId,
      createdBy: ctx.actor.id,
    });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "company.created",
      entityType: "company",
      entityId: row.id,
      changes: { name: row.name, ownerId: row.ownerId, teamId: row.teamId },
      requestId: ctx.requestId,
    });
    return toCompany(row);
  });
}

const AUDITED_FIELDS = [
  "name",
  "website",
  "industry",
  "size",
  "vatId",
  "phone",
  "email",
  "billingAddress",
  "shippingAddress",
  "parentCompanyId",
  "ownerId",
  "teamId",
  "description",
  "tags",
] as const;

export async function updateCompany(ctx: ServiceContext, id: string, input: UpdateCompanyInput) {
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findCompanyForUpdate(tx, id, companyVisibility(ctx));
    if (!current) throw notFound("company_not_found");
    assertCurrentVersion("company", current, input.version);
    const { version: _v, ...fields } = input;
    await assertOwnershipChange(tx, ctx.actor, current, fields);
    const parentId = fields.parentCompanyId;
    if (parentId && parentId !== current.parentCompanyId) {
      await assertVisibleCompany(ctx, tx, parentId, "parentCompanyId");
      if (await repo.wouldCloseLoop(tx, id, parentId))
        throw ruleViolation("company_parent_cycle").at("parentCompanyId");
    }
    const row = await repo.updateCompanyRow(tx, id, columnsFrom(fields));
    const changes = fieldChanges(current, row, AUDITED_FIELDS);
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, {
        actorId: ctx.actor.id,
        action: "company.updated",
        entityType: "company",
        entityId: id,
        changes,
        requestId: ctx.requestId,
      });
    }
    return toCompany(row);
  });
}

/** Soft delete; contacts, leads and deals keep their link, so a restore brings the whole file back. */
export async function deleteCompany(ctx: ServiceContext, id: string) {
  await ctx.db.transaction(async (tx) => {
    const current = await repo.findCompanyForUpdate(tx, id, companyVisibility(ctx));
    if (!current) throw notFound("company_not_found");
    await repo.updateCompanyRow(tx, id, { deletedAt: new Date() });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "company.deleted",
      entityType: "company",
      entityId: id,
      requestId: ctx.requestId,
    });
  });
}
