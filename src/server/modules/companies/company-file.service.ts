import type { Principal } from "@domain/access-policy";
import { visibleWhere } from "@server/access/permission-gate";
import { companyVisibility, contactVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { deals, leads } from "@server/db/schema";
import { notFound } from "@server/errors";
import { activityVisibility, presentActivities } from "@server/modules/activities/activity.service";
import { toContact } from "@server/modules/contacts/contact.mapper";
import type { ContactRow } from "@server/modules/contacts/contact.repository";
import { toLead } from "@server/modules/leads/lead.mapper";
import type { LeadRow } from "@server/modules/leads/lead.repository";
import { type CompanyDocuments, companyDocuments } from "@server/modules/quotes/company-documents.service";
import type { Activity } from "@shared/schemas/activity";
import type { CompanyDeal, CompanyFile, DealTotal } from "@shared/schemas/company-file";
import { toCompany } from "./company.mapper";
import { type CompanyRow, findCompany } from "./company.repository";
import * as file from "./company-file.repository";

const LIST_LIMIT = 100;
const ACTIVITY_LIMIT = 50;

type DealStatus = CompanyDeal["status"];
const asStatus = (status: string): DealStatus => (status === "won" || status === "lost" ? status : "open");

/**
 * The company file (Firmenakte), first form: master data, contacts, open leads, deals with totals per
 * status, recent activities. A company the caller cannot see is 404; inside it, every part is filtered
 * by its own permission gate, and the totals count only what the caller may see.
 */
export async function getCompanyFile(ctx: ServiceContext, id: string): Promise<CompanyFile> {
  // One read-only snapshot, so the totals agree with the lists beside them.
  return ctx.db.transaction(
    async (tx) => {
      const company = await findCompany(tx, id, companyVisibility(ctx));
      if (!company) throw notFound("company_not_found");
      const dealVisible = visibleWhere(ctx.actor, "deal", deals);
      const people = await file.companyContacts(tx, id, contactVisibility(ctx), LIST_LIMIT);
      const openLeads = await file.companyOpenLeads(
        tx,
        id,
        visibleWhere(ctx.actor, "lead", leads),
        LIST_LIMIT,
      );
      const dealRows = await file.companyDeals(tx, id, dealVisible, LIST_LIMIT);
      const totalRows = await file.companyDealTotals(tx, id, dealVisible);
      // The same gate as GET /activities/{id}: an activity listed here opens.
      const acts = await file.companyActivities(tx, id, activityVisibility(ctx), ACTIVITY_LIMIT);
      const activityList = await presentActivities(tx, ctx.actor, acts);
      const documents = await companyDocuments(ctx, tx, id, LIST_LIMIT);
      const mails = await file.companyEmails(tx, id, activityVisibility(ctx), ACTIVITY_LIMIT);
      const emails = await presentActivities(tx, ctx.actor, mails);
      return toFile(
        { company, people, openLeads, dealRows, totalRows, activityList, documents, emails },
        ctx.actor,
      );
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

interface FileParts {
  company: CompanyRow;
  people: { rows: ContactRow[]; total: number };
  openLeads: { rows: LeadRow[]; total: number };
  dealRows: Awaited<ReturnType<typeof file.companyDeals>>;
  totalRows: Awaited<ReturnType<typeof file.companyDealTotals>>;
  activityList: Activity[];
  documents: CompanyDocuments;
  emails: Activity[];
}

function toFile(
  { company, people, openLeads, dealRows, totalRows, activityList, documents, emails }: FileParts,
  reader: Principal,
): CompanyFile {
  const dealTotals: Record<DealStatus, DealTotal> = {
    open: { count: 0, sums: [] },
    won: { count: 0, sums: [] },
    lost: { count: 0, sums: [] },
  };
  for (const t of totalRows) {
    const total = dealTotals[asStatus(t.status)];
    total.count += t.count;
    if (t.sum !== null) total.sums.push({ amount: t.sum, currency: t.currency });
  }

  return {
    company: toCompany(company, reader),
    contacts: people.rows.map((row) => toContact(row, company.name, reader)),
    leads: openLeads.rows.map((row) => toLead(row, reader)),
    deals: dealRows.map(({ deal, stageName }) => ({
      id: deal.id,
      title: deal.title,
      status: asStatus(deal.status),
      amount: deal.amount === null ? null : { amount: deal.amount, currency: deal.currency },
      probability: deal.probability,
      pipelineId: deal.pipelineId,
      stageId: deal.stageId,
      stageName,
      expectedCloseDate: deal.expectedCloseDate,
      ownerId: deal.ownerId,
      closedAt: deal.closedAt?.toISOString() ?? null,
      createdAt: deal.createdAt.toISOString(),
    })),
    activities: activityList,
    quotes: documents.quotes,
    invoices: documents.invoices,
    emails,
    invoiceTotals: documents.invoiceTotals,
    totals: { contacts: people.total, openLeads: openLeads.total, deals: dealTotals },
  };
}
