import { z } from "zod";
import { activitySchema } from "./activity";
import { idSchema, isoDateTime } from "./common";
import { companySchema } from "./company";
import { contactSchema } from "./contact";
import { moneySchema } from "./fields";
import { leadSchema } from "./lead";
import { invoiceSchema, quoteSummarySchema } from "./quote";

export const DEAL_STATUSES = ["open", "won", "lost"] as const;

/** A deal as the company file lists it (the deals module will own the full shape). */
export const companyDealSchema = z.object({
  id: idSchema,
  title: z.string(),
  status: z.enum(DEAL_STATUSES),
  amount: moneySchema.nullable(),
  probability: z.number().int().nullable().describe("null: the stage's probability applies"),
  pipelineId: idSchema,
  stageId: idSchema,
  stageName: z.string(),
  expectedCloseDate: z.string().nullable(),
  ownerId: idSchema.nullable(),
  closedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type CompanyDeal = z.infer<typeof companyDealSchema>;

const dealTotal = z.object({
  count: z.number().int(),
  sums: z.array(moneySchema).describe("Sum of the amounts, one entry per currency"),
});
export type DealTotal = z.infer<typeof dealTotal>;

export const companyFileSchema = z.object({
  company: companySchema,
  contacts: z.array(contactSchema).describe("The company's contacts by name, at most 100"),
  leads: z.array(leadSchema).describe("Open leads about the company (not converted or dead), newest first"),
  deals: z.array(companyDealSchema).describe("Open, then won, then lost deals, newest first, at most 100"),
  activities: z
    .array(activitySchema)
    .describe("The 50 latest activities of the company and of its contacts, deals and leads"),
  quotes: z.array(quoteSummarySchema).describe("The company's quotes, newest first, at most 100"),
  invoices: z.array(invoiceSchema).describe("The company's invoices, newest first, at most 100"),
  emails: z
    .array(activitySchema)
    .describe("The 50 latest emails of the company and of its contacts, sent and received"),
  invoiceTotals: z
    .object({
      open: z.array(moneySchema).describe("Still to be paid (open and overdue invoices), per currency"),
      revenueThisYear: z.array(moneySchema).describe("Net invoiced since 1 January, per currency"),
    })
    .describe("Over every invoice visible to you"),
  totals: z
    .object({
      contacts: z.number().int(),
      openLeads: z.number().int(),
      deals: z.object({ open: dealTotal, won: dealTotal, lost: dealTotal }),
    })
    .describe("Counts over everything visible to you, not just the listed part"),
});
export type CompanyFile = z.infer<typeof companyFileSchema>;
