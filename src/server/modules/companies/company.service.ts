import { domainOfWebsite } from "@domain/companies/company-domain";
import { COMPANY_AUDITED_FIELDS } from "@domain/companies/company-fields";
import { checkVatId } from "@domain/companies/vat-id-check";
import { normalizePhone } from "@domain/phone-number";
import { pickFields } from "@domain/pick-fields";
import { authorize } from "@server/access/authorize";
import { visibleWhere } from "@server/access/permission-gate";
import {
  assertAllowedTeam,
  assertAssignableOwner,
  assertCurrentVersion,
  assertOwnershipChange,
  ownerTheCreatorSees,
} from "@server/access/record-guards";
import { companyVisibility, contactVisibility, dealVisibility } from "@server/access/record-visibility";
import { assertVisibleCompany } from "@server/access/visible-company";
import type { ServiceContext } from "@server/context";
import { decodeSortedCursor, toPage } from "@server/db/keyset";
import { activities } from "@server/db/schema";
import { field, invalidInput, notFound, ruleViolation } from "@server/errors";
import { audit, auditUpdate } from "@server/modules/audit/audit";
import { softDelete } from "@server/modules/audit/soft-delete";
import { customFieldListQuery } from "@server/modules/custom-fields/custom-field-query";
import { customFieldsOfWrite } from "@server/modules/custom-fields/record-custom-fields";
import { message } from "@shared/message-codes";
import type { CompanyListQuery, CreateCompanyInput, UpdateCompanyInput } from "@shared/schemas/company";
import { toCompany } from "./company.mapper";
import * as repo from "./company.repository";
import { companyListFigures } from "./company-list.repository";

type CompanyFieldInput = Omit<UpdateCompanyInput, "version">;

/**
 * Maps the API's fields onto columns, for the keys present in the input only. A VAT id is checked
 * (format per country, German check digit) and stored compact; one that is already stored passes
 * unchanged, so an old record stays editable. Custom values are checked against their definitions
 * first (customFieldsOfWrite), never copied.
 */
function columnsFrom(
  input: CompanyFieldInput,
  storedVatId: string | null = null,
): Partial<repo.NewCompanyRow> {
  const { customFields: _custom, ...plain } = input;
  const values: Partial<repo.NewCompanyRow> = { ...plain };
  if ("website" in input) values.domain = domainOfWebsite(input.website);
  if (input.vatId && input.vatId !== storedVatId) {
    const vat = checkVatId(input.vatId);
    if (!vat.ok) throw invalidInput(message(vat.code), [field("vatId", vat.code)]);
    values.vatId = vat.vatId;
  }
  if ("phone" in input) values.phoneNormalized = normalizePhone(input.phone);
  return values;
}

export async function getCompany(ctx: ServiceContext, id: string) {
  const row = await repo.findCompany(ctx.db, id, companyVisibility(ctx));
  if (!row) throw notFound("company_not_found");
  return toCompany(row, ctx.actor);
}

export async function listCompanies(ctx: ServiceContext, query: CompanyListQuery) {
  const custom = await customFieldListQuery(ctx, "company", query);
  const where = [companyVisibility(ctx), ...repo.companyFilters(query, ctx.actor.id), ...custom.filters];
  const cursor = query.cursor ? decodeSortedCursor(query.cursor, query.sort) : null;
  const rows = await repo.listCompanyRows(ctx.db, {
    where,
    sort: query.sort,
    customSort: custom.sort,
    cursor,
    limit: query.limit,
  });
  const page = toPage(rows, query.limit, (r) => [query.sort, r.sortKey, r.row.id]);
  const figures = await companyListFigures(
    ctx.db,
    page.data.map((r) => r.row.id),
    {
      contact: contactVisibility(ctx),
      deal: dealVisibility(ctx),
      activity: visibleWhere(ctx.actor, "activity", activities),
    },
  );
  return {
    data: page.data.map((r) => ({
      ...toCompany(r.row, ctx.actor),
      contactCount: figures.get(r.row.id)?.contactCount ?? 0,
      openDealCount: figures.get(r.row.id)?.openDealCount ?? 0,
      lastActivityAt: figures.get(r.row.id)?.lastActivityAt ?? null,
    })),
    nextCursor: page.nextCursor,
  };
}

export async function createCompany(ctx: ServiceContext, input: CreateCompanyInput) {
  authorize(ctx, "company.create");
  const teamId = input.teamId ?? ctx.actor.teamId;
  assertAllowedTeam(ctx.actor, teamId);
  // A creator always sees what they created (issue #14): a teamless creator leaving it unowned owns it.
  const ownerId = ownerTheCreatorSees(ctx.actor, "company", {
    teamId,
    ownerId: input.ownerId === undefined ? ctx.actor.id : input.ownerId,
  });
  return ctx.db.transaction(async (tx) => {
    if (input.ownerId) await assertAssignableOwner(tx, ctx.actor, input.ownerId, "company");
    if (input.parentCompanyId) await assertVisibleCompany(ctx, tx, input.parentCompanyId, "parentCompanyId");
    const customFields = await customFieldsOfWrite(ctx, tx, "company", input.customFields, {
      creating: true,
    });
    const row = await repo.insertCompany(tx, {
      ...columnsFrom(input),
      name: input.name,
      tags: input.tags ?? [],
      customFields: customFields ?? {},
      teamId,
      ownerId,
      createdBy: ctx.actor.id,
    });
    await audit(tx, ctx, "company.created", row, pickFields(row, ["name", "ownerId", "teamId"]));
    return toCompany(row, ctx.actor);
  });
}

export async function updateCompany(ctx: ServiceContext, id: string, input: UpdateCompanyInput) {
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findCompanyForUpdate(tx, id, companyVisibility(ctx));
    if (!current) throw notFound("company_not_found");
    authorize(ctx, "company.update", current);
    assertCurrentVersion("company", current, input.version);
    const { version: _v, ...fields } = input;
    await assertOwnershipChange(tx, ctx.actor, "company", current, fields);
    const parentId = fields.parentCompanyId;
    if (parentId && parentId !== current.parentCompanyId) {
      await assertVisibleCompany(ctx, tx, parentId, "parentCompanyId");
      if (await repo.wouldCloseLoop(tx, id, parentId))
        throw ruleViolation("company_parent_cycle").at("parentCompanyId");
    }
    const customFields = await customFieldsOfWrite(ctx, tx, "company", fields.customFields, {
      current: current.customFields as Record<string, unknown>,
      creating: false,
    });
    const row = await repo.updateCompanyRow(tx, id, {
      ...columnsFrom(fields, current.vatId),
      ...(customFields && { customFields }),
    });
    await auditUpdate(tx, ctx, "company.updated", current, row, COMPANY_AUDITED_FIELDS);
    return toCompany(row, ctx.actor);
  });
}

/** Soft delete; contacts, leads and deals keep their link, so a restore brings the whole file back. */
export async function deleteCompany(ctx: ServiceContext, id: string) {
  await ctx.db.transaction(async (tx) => {
    const current = await repo.findCompanyForUpdate(tx, id, companyVisibility(ctx));
    if (!current) throw notFound("company_not_found");
    authorize(ctx, "company.delete", current);
    await softDelete(tx, ctx, "company", id);
  });
}
