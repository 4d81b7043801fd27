import { randomUUID } from "node:crypto";
import { faker } from "@faker-js/faker";
import {
  ACTIVITY_TEXTS,
  DEMO_COUNTS,
  type Language,
  pick,
  type TeamKey,
} from "@server/modules/seed/demo-data";
import type { ActivityType, NewActivity } from "@test/factories-crm";
import { ago, between, earliest, later, latest, MINUTE, now, officeHours } from "./clock";
import { type DemoPlan, type Links, ownerFor, type Row, teamIdOf } from "./demo-plan";
import { chance, weighted } from "./random";

const DONE_TYPES = (): ActivityType => weighted({ call: 4, email: 3, meeting: 2, note: 2, task: 1 });
const NEXT_TYPES = (): ActivityType => weighted({ call: 3, task: 3, meeting: 2 });

/** The history and next steps of leads and deals, then loose activities at contacts and companies. */
export function buildActivities(plan: DemoPlan): void {
  for (const lead of plan.leads) {
    const { row, language, team } = lead;
    // The owner's first activity is what moves a lead to in_process; new and assigned leads have none.
    const done =
      { new: 0, assigned: 0, in_process: 1, converted: chance(0.4) ? 2 : 1, recycled: 0, dead: 0 }[
        row.status
      ] + (lead.closedAt && chance(0.5) ? 1 : 0);
    const next = (row.status === "in_process" && chance(0.5)) || (row.status === "recycled" && chance(0.3));
    const base = {
      language,
      team,
      ownerId: row.ownerId ?? plan.people.manager.id,
      links: { leadId: row.id },
      after: row.assignedAt ?? row.createdAt,
    };
    const until = row.convertedAt ?? lead.closedAt ?? now;
    for (let i = 0; i < done; i++)
      addActivity(plan, { ...base, type: DONE_TYPES(), when: "done", before: until });
    if (next)
      addActivity(plan, {
        ...base,
        type: NEXT_TYPES(),
        when: chance(0.4) ? "overdue" : "upcoming",
        before: now,
      });
  }
  for (const deal of plan.deals) {
    const { row, language, team, contact } = deal;
    const links = { dealId: row.id, companyId: row.companyId ?? null, contactId: contact.row.id };
    const base = {
      language,
      team,
      ownerId: row.ownerId ?? null,
      links,
      after: row.createdAt,
      participant: contact.row.id,
    };
    const done = chance(0.4) ? 2 : 1;
    for (let i = 0; i < done; i++)
      addActivity(plan, { ...base, type: DONE_TYPES(), when: "done", before: deal.closedAt ?? now });
    // Some open deals have no next step: those are the ones the board flags as rotting.
    if (row.status === "open" && chance(0.8)) {
      addActivity(plan, {
        ...base,
        type: NEXT_TYPES(),
        when: chance(0.3) ? "overdue" : "upcoming",
        before: now,
      });
    }
  }
  const rest = Math.max(40, DEMO_COUNTS.activities - plan.data.activities.length);
  for (let i = 0; i < rest; i++) {
    const contact = chance(0.65) ? faker.helpers.arrayElement(plan.contacts) : undefined;
    const record = contact ?? faker.helpers.arrayElement(plan.companies);
    const companyId = contact ? (contact.company?.row.id ?? null) : record.row.id;
    addActivity(plan, {
      type: weighted({ note: 30, call: 30, email: 20, meeting: 10, task: 10 }),
      when: weighted({ done: 80, upcoming: 12, overdue: 8 }),
      language: plan.locale,
      team: record.team,
      ownerId: record.row.ownerId ?? ownerFor(plan, record.team).id,
      links: { contactId: contact?.row.id ?? null, companyId },
      participant: contact?.row.id ?? null,
      after: record.row.createdAt,
      before: now,
    });
  }
}

/** Adds one activity: done ones in the past window [after, before], open ones overdue or upcoming. */
function addActivity(
  plan: DemoPlan,
  o: {
    type: ActivityType;
    when: "done" | "overdue" | "upcoming";
    language: Language;
    team: TeamKey;
    ownerId: string | null;
    links: Links;
    participant?: string | null;
    after: Date;
    before: Date;
  },
) {
  const texts = ACTIVITY_TEXTS[o.type];
  const scheduled = o.type !== "note" && o.type !== "email";
  // Notes and emails record something that happened: always done, never due.
  const when = scheduled ? o.when : "done";
  const inWindow = (t: Date, lo: Date, hi: Date) => latest(lo, earliest(officeHours(t), hi));
  const at =
    when === "done"
      ? inWindow(between(o.after, o.before), o.after, earliest(o.before, now))
      : when === "overdue"
        ? inWindow(between(latest(o.after, ago(21)), ago(1)), o.after, ago(0.5))
        : officeHours(between(later(0.5), later(30)));
  const createdAt = scheduled ? earliest(between(o.after, earliest(at, now)), now) : at;
  const minutes = faker.helpers.arrayElement([30, 60, 90]);
  const body =
    texts.bodies.length > 0 && chance(0.7)
      ? pick(faker.helpers.arrayElement(texts.bodies), o.language)
      : null;
  const doneAt = when === "done" ? at : null;
  const row: Row<NewActivity> = {
    id: randomUUID(),
    type: o.type,
    subject: pick(faker.helpers.arrayElement(texts.subjects), o.language),
    body,
    dueAt: scheduled ? at : null,
    startsAt: o.type === "meeting" ? at : null,
    endsAt: o.type === "meeting" ? new Date(at.getTime() + minutes * MINUTE) : null,
    done: when === "done",
    doneAt,
    leadId: null,
    contactId: null,
    companyId: null,
    dealId: null,
    ...o.links,
    teamId: teamIdOf(plan, o.team),
    ownerId: o.ownerId,
    createdBy: o.ownerId,
    createdAt,
    updatedAt: doneAt ?? createdAt,
  };
  plan.data.activities.push(row);
  if (o.type === "meeting") {
    if (o.ownerId) plan.data.participants.push({ activityId: row.id, userId: o.ownerId });
    if (o.participant) plan.data.participants.push({ activityId: row.id, contactId: o.participant });
  }
}
