import { type HealthInput, healthFlags } from "../reports/health";

/**
 * Why a board card needs attention (#23 point 2): one quiet signal on the card that names every
 * reason instead of a red border, a red badge and orange text. The reasons are the pipeline health
 * flags of the reports (#18) plus the board's own two: rotting (no activity for longer than the
 * stage's rotting days) and a next activity whose time has passed.
 */
export const ATTENTION_REASONS = [
  "overdue_activity",
  "no_next_activity",
  "rotting",
  "close_date_passed",
  "stuck",
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export interface AttentionInput extends Omit<HealthInput, "hasOpenActivity"> {
  rotting: boolean;
  /** The earliest open activity's time (ISO), null for an activity without a time; undefined: none. */
  nextActivityAt: string | null | undefined;
  now: Date;
}

/** A next activity is overdue once its time has passed. */
export function isOverdue(at: string | null | undefined, now: Date): boolean {
  if (!at) return false;
  const time = Date.parse(at);
  return Number.isFinite(time) && time < now.getTime();
}

/** The reasons in a fixed order (most urgent first); empty for a closed or healthy deal. */
export function attentionReasons(deal: AttentionInput): AttentionReason[] {
  if (deal.status !== "open") return [];
  const found = new Set<AttentionReason>(
    healthFlags({ ...deal, hasOpenActivity: deal.nextActivityAt !== undefined }),
  );
  if (deal.rotting) found.add("rotting");
  if (isOverdue(deal.nextActivityAt, deal.now)) found.add("overdue_activity");
  return ATTENTION_REASONS.filter((reason) => found.has(reason));
}

const SEPARATORS = /^[\s\-–—:|/·,]+|[\s\-–—:|/·,]+$/g;

/**
 * The deal title as a card shows it beside its company line: a company name that the title starts
 * or ends with ("Hansen GmbH – Kompressor") is left out, so the company appears once. A title that
 * is only the company name stays whole. Compared case-insensitively; only the display changes.
 */
export function titleWithoutCompany(title: string, company: string | null): string {
  const name = company?.trim();
  if (!name) return title;
  const lowerTitle = title.toLocaleLowerCase();
  const lowerName = name.toLocaleLowerCase();
  let rest = title;
  if (lowerTitle.startsWith(lowerName) && isBoundary(title.charAt(name.length))) {
    rest = title.slice(name.length);
  } else if (lowerTitle.endsWith(lowerName) && isBoundary(title.charAt(title.length - name.length - 1))) {
    rest = title.slice(0, title.length - name.length);
  } else {
    return title;
  }
  const stripped = rest.replace(SEPARATORS, "");
  return stripped === "" ? title : stripped;
}

/** The name ends at a word boundary ("Hansen" is not stripped from "Hansenwerk Umbau"). */
const isBoundary = (char: string) => char === "" || !/[\p{L}\p{N}]/u.test(char);
