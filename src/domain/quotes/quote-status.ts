/**
 * A quote's life (issue #19): a draft is edited freely and has no number; sending numbers it and
 * freezes its content; the customer then accepts or declines it, or it expires after its validity
 * date (a daily job). A sent quote is changed only by revising it: a new draft (the next revision)
 * takes its place and the old one stays readable, superseded.
 */
export const QUOTE_STATUSES = ["draft", "sent", "accepted", "declined", "expired"] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const INVOICE_STATUSES = ["open", "paid", "overdue"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export type QuoteAction = "edit" | "send" | "accept" | "decline" | "expire" | "revise" | "invoice" | "delete";

interface QuoteState {
  status: QuoteStatus;
  superseded: boolean;
  invoiced: boolean;
}

/** The message code refusing `action` on a quote in this state, or null when it may happen. */
export function quoteActionBlocker(
  quote: QuoteState,
  action: QuoteAction,
):
  | "quote_not_draft"
  | "quote_not_sent"
  | "quote_superseded"
  | "quote_not_accepted"
  | "quote_invoiced"
  | null {
  switch (action) {
    case "edit":
    case "send":
    case "delete":
      return quote.status === "draft" ? null : "quote_not_draft";
    case "accept":
    case "decline":
    case "expire":
      if (quote.superseded) return "quote_superseded";
      return quote.status === "sent" ? null : "quote_not_sent";
    case "revise":
      if (quote.superseded) return "quote_superseded";
      return quote.status === "draft" ? "quote_not_sent" : null;
    case "invoice":
      if (quote.status !== "accepted") return "quote_not_accepted";
      return quote.invoiced ? "quote_invoiced" : null;
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

/** Whether a sent quote is past its validity date on `today` (YYYY-MM-DD, both in the same zone). */
export const isPastValidity = (validUntil: string | null, today: string) =>
  validUntil !== null && validUntil < today;

/** An invoice's status from what was paid and its due date: paid in full wins over overdue. */
export function invoiceStatus(paidInFull: boolean, dueDate: string, today: string): InvoiceStatus {
  if (paidInFull) return "paid";
  return dueDate < today ? "overdue" : "open";
}
