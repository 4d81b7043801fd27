/**
 * Generates realistic leads for the bulk seeder without faker in the loop: every status, lifecycle
 * stage and source, BANT consistent with the stage, scores computed by the app's own rules, owners
 * and teams spread over the given users, creation times over the last three years (more recent than
 * old, as a growing business has), German and English names with umlauts, emails and phones with
 * their E.164 forms.
 */
import { type Bant, type BantCriterion, type BantState, isBantQualified } from "@domain/leads/bant";
import type { LeadSource } from "@domain/leads/lead-source";
import type { LeadStatus } from "@domain/leads/lead-status";
import { LIFECYCLE_STAGES, type LifecycleStage } from "@domain/leads/lifecycle";
import { DEFAULT_SCORE_RULES } from "@domain/leads/score";
import { normalizePhone } from "@domain/phone-number";
import { scoreOf } from "@server/modules/leads/lead-rules";
import {
  type CountryCode,
  DEAD_REASONS,
  INTERESTS,
  LEAD_TAGS,
  pick,
  SOURCE_DETAILS,
  SOURCE_WEIGHTS,
  STAGE_WEIGHTS,
} from "@server/modules/seed/demo-data";
import { BULK_COLUMNS, type BulkRow } from "./columns";
import type { CountryPool, PooledCompany } from "./pools";
import { type Rng, Weighted } from "./rng";

const DAY = 86_400_000;
const YEARS_BACK = 3;

export interface BulkOwner {
  id: string;
  teamId: string;
}

export interface GeneratorSetup {
  rng: Rng;
  pools: Record<CountryCode, CountryPool>;
  owners: readonly BulkOwner[];
  teamIds: readonly string[];
  /** Creation times end here; ms since the epoch. */
  now: number;
  /** How many leads this generator will make: creation times are spread over them oldest first. */
  total: number;
}

const COUNTRIES = new Weighted<CountryCode>({ DE: 66, AT: 8, CH: 7, GB: 11, US: 8 });
const SOURCES = new Weighted<LeadSource>(SOURCE_WEIGHTS);
const STAGES = Object.fromEntries(
  Object.entries(STAGE_WEIGHTS).map(([status, weights]) => [status, new Weighted<LifecycleStage>(weights)]),
) as Record<LeadStatus, Weighted<LifecycleStage>>;
/** Young leads are mostly new or being worked on; old ones mostly decided one way or the other. */
const STATUS_FIRST_WEEK = new Weighted<LeadStatus>({
  new: 45,
  assigned: 30,
  in_process: 20,
  converted: 0,
  recycled: 0,
  dead: 5,
});
const STATUS_FIRST_MONTHS = new Weighted<LeadStatus>({
  new: 8,
  assigned: 15,
  in_process: 40,
  converted: 12,
  recycled: 5,
  dead: 20,
});
const STATUS_LATER = new Weighted<LeadStatus>({
  new: 1,
  assigned: 3,
  in_process: 14,
  converted: 22,
  recycled: 12,
  dead: 48,
});
const statusByAge = (days: number) =>
  days <= 7 ? STATUS_FIRST_WEEK : days <= 60 ? STATUS_FIRST_MONTHS : STATUS_LATER;
/** An SQL has all four BANT criteria met, so it cannot have died of one of them. */
const DEAD_REASONS_SQL = DEAD_REASONS.filter((r) => !r.criterion);
const BANT_MET_CHANCE: Record<LifecycleStage, number> = { mal: 0.05, mql: 0.25, sal: 0.55, sql: 1 };

const column = (name: (typeof BULK_COLUMNS)[number][0]) => BULK_COLUMNS.findIndex(([c]) => c === name);
const [PHONE, MOBILE, PHONE_NORMALIZED, MOBILE_NORMALIZED] = [
  column("phone"),
  column("mobile"),
  column("phone_normalized"),
  column("mobile_normalized"),
];

const isoDays = new Map<number, string>();
const pad = (n: number, width: number) => String(n).padStart(width, "0");
/** Date#toISOString, four times faster: the "YYYY-MM-DDT" part is cached per day. */
function iso(ms: number): string {
  const day = Math.floor(ms / DAY);
  let prefix = isoDays.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    isoDays.set(day, prefix);
  }
  const rest = ms - day * DAY;
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor(rest / 60_000) % 60;
  const s = Math.floor(rest / 1000) % 60;
  return `${prefix}${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(rest % 1000, 3)}Z`;
}
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
/** E.164 of a number written as "+49 30 1234567": the plus and the digits (checked against libphonenumber). */
const e164 = (phone: string) => `+${phone.replace(/\D/g, "")}`;
const arrayLiteral = (items: string[]) =>
  `{${items.map((t) => `"${t.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

export class LeadGenerator {
  private readonly scores = new Map<string, { score: string; reasons: string }>();
  private made = 0;

  constructor(private readonly setup: GeneratorSetup) {}

  /**
   * The next `size` leads, in creation order: as in a real CRM, where rows are written as leads come
   * in, the table's physical order follows created_at (the planner's "correlation" is close to 1).
   */
  batch(size: number): BulkRow[] {
    const rows: BulkRow[] = [];
    for (let i = 0; i < size; i++) {
      rows.push(this.lead((this.made + this.setup.rng.next()) / this.setup.total));
      this.made++;
    }
    return rows;
  }

  /** Makes `count` leads and compares their E.164 forms with libphonenumber's, the app's normaliser. */
  checkPhones(count: number): void {
    for (let i = 0; i < count; i++) {
      const row = this.lead(this.setup.rng.next());
      for (const [raw, normalized] of [
        [row[PHONE], row[PHONE_NORMALIZED]],
        [row[MOBILE], row[MOBILE_NORMALIZED]],
      ] as const) {
        if (raw && normalizePhone(raw) !== normalized)
          throw new Error(
            `phone ${raw}: libphonenumber says ${normalizePhone(raw)}, the seeder ${normalized}`,
          );
      }
    }
  }

  /** One lead at `position` of the timeline: 0 the oldest (three years ago), 1 the newest. */
  private lead(position: number): BulkRow {
    const { rng, pools, owners, teamIds, now } = this.setup;
    const pool = pools[COUNTRIES.pick(rng)];
    const language = pool.language;
    const person = rng.pick(pool.persons);
    const company = rng.pick(pool.companies);
    const source = SOURCES.pick(rng);

    // Skewed towards recent, as in a growing business: 29 % of the leads are younger than five months.
    const ageMs = YEARS_BACK * 365 * DAY * Math.min(1, Math.max(0, 1 - position)) ** 1.6;
    const createdAt = Math.floor((now - ageMs) / 1000) * 1000;
    const ageDays = ageMs / DAY;
    const status = statusByAge(ageDays).pick(rng);
    const stage = STAGES[status].pick(rng);

    const hasOwner =
      status === "new"
        ? false
        : status === "recycled"
          ? rng.chance(0.6)
          : status === "dead"
            ? rng.chance(0.85)
            : true;
    const owner = hasOwner ? rng.pick(owners) : null;
    const teamId = owner?.teamId ?? rng.pick(teamIds);
    const createdBy = source === "web_form" ? null : (owner?.id ?? rng.pick(owners).id);

    // Times after creation: assignment within two days, stages on the way to the end of the story.
    const convertedAt =
      status === "converted" ? rng.between(createdAt + 2 * DAY, Math.min(now, createdAt + 60 * DAY)) : null;
    const closedAt =
      status === "dead" || status === "recycled"
        ? rng.between(createdAt, Math.min(now, createdAt + 90 * DAY))
        : null;
    const storyEnd = convertedAt ?? closedAt ?? now;
    const assignedAt = owner ? rng.between(createdAt, Math.min(storyEnd, createdAt + 2 * DAY)) : null;
    const stageTimes: (number | null)[] = [createdAt, null, null, null];
    let t = createdAt;
    for (let i = 1; i <= LIFECYCLE_STAGES.indexOf(stage); i++) {
      t = rng.between(t, t + (storyEnd - t) * 0.6);
      stageTimes[i] = t;
    }
    const worked = owner !== null && (status === "in_process" || status === "converted" || closedAt !== null);
    const lastActivityAt = worked ? rng.between(assignedAt ?? createdAt, storyEnd) : null;
    const updatedAt = Math.max(
      createdAt,
      t,
      convertedAt ?? 0,
      closedAt ?? 0,
      assignedAt ?? 0,
      lastActivityAt ?? 0,
    );
    const deletedAt = status !== "converted" && rng.chance(0.01) ? rng.between(updatedAt, now) : null;

    const estimatedValue = rng.chance(0.7)
      ? `${Math.max(500, Math.round(rng.int(2_000, 150_000) / 500) * 500)}.00`
      : null;
    const deadReasons = stage === "sql" ? DEAD_REASONS_SQL : DEAD_REASONS;
    const deadReason = status === "dead" ? rng.pick(deadReasons) : null;
    const interest = pick(rng.pick(INTERESTS), language);
    const bant = this.bant(stage, pool, estimatedValue, interest, deadReason?.criterion, convertedAt ?? now);

    const freeMail = rng.chance(0.1);
    const email = `${person.emailLocal}@${freeMail ? rng.pick(pool.freeMail) : company.domain}`;
    const phone = rng.chance(0.92) ? this.landline(pool, company) : null;
    const mobile = rng.chance(0.4) ? this.mobile(pool) : null;
    const detail = rng.pick(SOURCE_DETAILS[source] ?? [null]);
    const tags =
      source === "trade_show"
        ? [pick(["Messe", "event"], language)]
        : rng.chance(0.6)
          ? []
          : [pick(rng.pick(LEAD_TAGS), language)];
    const score = this.score({
      source,
      bant,
      stage,
      email: true,
      phone: phone !== null,
      jobTitle: true,
      estimatedValue,
      lastActivityAt,
      interest: true,
    });

    return [
      teamId,
      owner?.id ?? null,
      createdBy,
      iso(createdAt),
      iso(updatedAt),
      isoOrNull(deletedAt),
      arrayLiteral(tags),
      status,
      stage,
      source,
      detail ? pick(detail, language) : null,
      person.salutation,
      person.title,
      person.firstName,
      person.lastName,
      company.name,
      person.jobTitle,
      person.department,
      email,
      phone,
      mobile,
      `https://www.${company.domain}`,
      company.street,
      company.postalCode,
      company.city,
      pool.code,
      interest,
      estimatedValue,
      JSON.stringify(bant),
      score.score,
      score.reasons,
      deadReason ? pick(deadReason.text, language) : null,
      isoOrNull(stageTimes[0] ?? null),
      isoOrNull(stageTimes[1] ?? null),
      isoOrNull(stageTimes[2] ?? null),
      isoOrNull(stageTimes[3] ?? null),
      isoOrNull(convertedAt),
      phone ? e164(phone) : null,
      mobile ? e164(mobile) : null,
      isoOrNull(assignedAt),
      isoOrNull(lastActivityAt),
    ];
  }

  /** As the factories' fakePhone: a landline in the company's city; US numbers in the fictional 555-01xx. */
  private landline(pool: CountryPool, company: PooledCompany): string {
    const { rng } = this.setup;
    if (pool.code === "US") return `+1 ${company.area} 555 01${rng.digits(2)}`;
    return `${pool.dial} ${company.area} ${rng.digits(pool.code === "GB" ? 7 : rng.int(6, 8))}`;
  }

  /** As the factories' fakeMobile. */
  private mobile(pool: CountryPool): string {
    const { rng } = this.setup;
    const prefix = rng.pick(pool.mobilePrefixes);
    if (pool.code === "US") return `+1 ${prefix} 555 01${rng.digits(2)}`;
    if (pool.code === "GB") return `${pool.dial} ${prefix}${rng.digits(3)}`;
    return `${pool.dial} ${prefix} ${rng.digits(7)}`;
  }

  /** As the demo seed's bantFor: an SQL has all four met, earlier stages fewer, a dead reason's criterion not met. */
  private bant(
    stage: LifecycleStage,
    pool: CountryPool,
    estimatedValue: string | null,
    interest: string,
    notMet: BantCriterion | undefined,
    from: number,
  ): Bant {
    const { rng } = this.setup;
    const metChance = BANT_MET_CHANCE[stage];
    const [budget, authority, need, timeline] = [
      this.bantState("budget", notMet, metChance),
      this.bantState("authority", notMet, metChance),
      this.bantState("need", notMet, metChance),
      this.bantState("timeline", notMet, metChance),
    ];
    const decider = rng.pick(pool.persons);
    const bant: Bant = {
      budget:
        budget === "met"
          ? {
              state: budget,
              amount: estimatedValue ?? `${Math.round(rng.int(5_000, 120_000) / 500) * 500}.00`,
              currency: "EUR",
            }
          : { state: budget },
      authority:
        authority === "met"
          ? { state: authority, detail: `${decider.firstName} ${decider.lastName}, ${decider.jobTitle}` }
          : { state: authority },
      need: need === "unknown" ? { state: need } : { state: need, detail: interest },
      timeline:
        timeline === "met"
          ? { state: timeline, date: iso(from + rng.int(14, 150) * DAY).slice(0, 10) }
          : { state: timeline },
    };
    // Below SQL a lead is not BANT-qualified yet, or it would have been promoted.
    if (stage !== "sql" && isBantQualified(bant)) bant.timeline = { state: "unknown" };
    return bant;
  }

  private bantState(
    criterion: BantCriterion,
    notMet: BantCriterion | undefined,
    metChance: number,
  ): BantState {
    const { rng } = this.setup;
    if (criterion === notMet) return "not_met";
    return rng.chance(metChance) ? "met" : rng.chance(0.15) ? "not_met" : "unknown";
  }

  /**
   * The app's score (same rules, same function), cached by what it depends on: a few hundred
   * combinations instead of a million calls.
   */
  private score(o: {
    source: LeadSource;
    bant: Bant;
    stage: LifecycleStage;
    email: boolean;
    phone: boolean;
    jobTitle: boolean;
    interest: boolean;
    estimatedValue: string | null;
    lastActivityAt: number | null;
  }): { score: string; reasons: string } {
    const recent = o.lastActivityAt !== null && this.setup.now - o.lastActivityAt <= 14 * DAY;
    const { budget, authority, need, timeline } = o.bant;
    const key = `${o.source}|${o.stage}|${budget.state}|${authority.state}|${need.state}|${timeline.state}|${o.phone}|${o.estimatedValue !== null}|${recent}`;
    let cached = this.scores.get(key);
    if (!cached) {
      const { score, scoreReasons } = scoreOf(
        {
          source: o.source,
          bant: o.bant,
          lifecycleStage: o.stage,
          email: o.email ? "x" : null,
          phone: o.phone ? "x" : null,
          companyName: "x",
          jobTitle: o.jobTitle ? "x" : null,
          website: "x",
          interest: o.interest ? "x" : null,
          estimatedValue: o.estimatedValue,
          lastActivityAt: recent ? new Date() : null,
        },
        DEFAULT_SCORE_RULES,
      );
      cached = { score: String(score), reasons: JSON.stringify(scoreReasons) };
      this.scores.set(key, cached);
    }
    return cached;
  }
}
