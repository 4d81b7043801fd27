import type { DbOrTx } from "@server/db/client";
import type { JobDefinition } from "@server/jobs/job-definition";
import type { FastifyInstance } from "fastify";
import * as invoiceRepo from "./invoice.repository";
import * as repo from "./quote.repository";
import { businessToday } from "./quote-actions.service";

const DAY_MS = 86_400_000;

/** Sent quotes past their validity date become expired; returns how many. */
export async function expireQuotes(db: DbOrTx, today = businessToday().date): Promise<number> {
  return (await repo.expireSentQuotes(db, today)).length;
}

/** Open invoices past their due date become overdue; returns how many. */
export async function markInvoicesOverdue(db: DbOrTx, today = businessToday().date): Promise<number> {
  return invoiceRepo.markOverdue(db, today);
}

/**
 * The daily jobs of quotes and invoices, on the durable runner: each runs when a process starts and
 * then once a day (one process at a time); both are single idempotent UPDATEs, so a repeat is harmless.
 */
export function registerQuoteJobs(app: FastifyInstance): void {
  const daily = (
    name: "quote-expiry" | "invoice-overdue",
    work: (db: DbOrTx) => Promise<number>,
  ): JobDefinition => ({
    name,
    everyMs: DAY_MS,
    atStart: true,
    async run(ctx) {
      const changed = await work(ctx.db);
      ctx.log.info({ job: name, changed }, "daily document status check done");
    },
  });
  app.jobs.register(daily("quote-expiry", (db) => expireQuotes(db)));
  app.jobs.register(daily("invoice-overdue", (db) => markInvoicesOverdue(db)));
}
