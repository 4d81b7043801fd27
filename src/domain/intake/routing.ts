/**
 * Routing rules: which team a submission goes to when its channel names none (a form may name one).
 * Rules are tried in order; the first that matches wins. A rule matches by country (ISO code) and/or
 * a postal-code range compared as digits of equal length ("10000"–"19999" holds "10115").
 */
export interface RoutingRule {
  teamId: string;
  /** ISO 3166 alpha-2; absent = any country. */
  country?: string | null | undefined;
  postalFrom?: string | null | undefined;
  postalTo?: string | null | undefined;
  /** false: switched off, skipped (absent = on, as rules saved before the switch existed). */
  enabled?: boolean | undefined;
}

export interface RoutingSubject {
  countryCode: string | null;
  postalCode: string | null;
}

function postalInRange(postal: string | null, from: string, to: string): boolean {
  if (!postal) return false;
  const digits = postal.replace(/\D/g, "");
  if (digits.length === 0) return false;
  const width = Math.max(from.length, to.length);
  // Compare as numbers padded to the range's width, so "1011" does not fall between "10000" and "19999".
  if (digits.length !== width) return false;
  return digits >= from.padStart(width, "0") && digits <= to.padStart(width, "0");
}

export function ruleMatches(rule: RoutingRule, subject: RoutingSubject): boolean {
  if (rule.country && rule.country.toUpperCase() !== subject.countryCode) return false;
  if (rule.postalFrom || rule.postalTo) {
    const from = rule.postalFrom ?? "0";
    const to = rule.postalTo ?? "9".repeat(from.length);
    if (!postalInRange(subject.postalCode, from, to)) return false;
  }
  return Boolean(rule.country || rule.postalFrom || rule.postalTo);
}

/** The team: the channel's own (a form's team) first, else the first matching rule, else none. */
export function routeTeam(
  subject: RoutingSubject,
  rules: readonly RoutingRule[],
  channelTeamId: string | null | undefined,
): string | null {
  if (channelTeamId) return channelTeamId;
  return rules.find((rule) => rule.enabled !== false && ruleMatches(rule, subject))?.teamId ?? null;
}
