import { randomUUID } from "node:crypto";
import { POSITION_STEP } from "@domain/deals/position";
import { faker } from "@faker-js/faker";
import { DEMO_COUNTS, LOST_REASONS, pick } from "@server/modules/seed/demo-data";
import { fakeAmount, fakeInterest, type NewDeal } from "@test/factories-crm";
import { ago, between, DAY, earliest, isoDate, later, latest, now, plus, stepsAfter } from "./clock";
import { type ContactPlan, type DemoPlan, type LeadPlan, ownerFor, type Row, teamIdOf } from "./demo-plan";
import { chance, groupBy } from "./random";

/** Deals from most converted leads, topped up with deals at company contacts; then the board order. */
export function buildDeals(plan: DemoPlan): void {
  const starts: { lead?: LeadPlan; contact: ContactPlan; createdAt: Date }[] = [];
  for (const lead of plan.leads) {
    if (lead.convertedContact && lead.row.convertedAt && chance(0.6)) {
      starts.push({ lead, contact: lead.convertedContact, createdAt: lead.row.convertedAt });
    }
  }
  const companyContacts = plan.contacts.filter((c) => c.company);
  while (starts.length < DEMO_COUNTS.deals) {
    const contact = faker.helpers.arrayElement(companyContacts);
    starts.push({ contact, createdAt: between(contact.row.createdAt, ago(1)) });
  }
  for (const start of starts) buildDeal(plan, start.contact, start.createdAt, start.lead);
  // Board order: 1024, 2048, … within each column (stage and status), oldest first.
  const columns = groupBy(plan.data.deals, (d) => `${d.stageId}/${d.status}`);
  for (const column of columns.values()) {
    column
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .forEach((d, i) => {
        d.position = (i + 1) * POSITION_STEP;
      });
  }
}

/** One deal with its contacts and one stage-history row per stage passed. */
function buildDeal(plan: DemoPlan, contact: ContactPlan, createdAt: Date, lead: LeadPlan | undefined) {
  const { stageRows } = plan;
  const company = contact.company;
  const language = plan.locale;
  const team = lead?.team ?? contact.team;
  const ageDays = (now.getTime() - createdAt.getTime()) / DAY;
  const closes = ageDays > 10 && chance(ageDays > 120 ? 0.85 : ageDays > 45 ? 0.5 : 0.15);
  const status = closes ? (chance(0.55) ? "won" : "lost") : "open";
  const last = stageRows.length - 1;
  const stageIndex =
    status === "won"
      ? Math.max(0, chance(0.75) ? last : last - 1)
      : status === "lost"
        ? faker.number.int({ min: 0, max: last })
        : faker.helpers.weightedArrayElement(stageRows.map((_, i) => ({ value: i, weight: last + 3 - i })));
  const stage = stageRows[stageIndex];
  if (!stage) throw new Error("stage index out of range");
  const closedAt = closes ? between(plus(createdAt, 7), earliest(ago(1), plus(createdAt, 120))) : null;
  const entered = [createdAt, ...stepsAfter(createdAt, closedAt ?? now, stageIndex)];
  const stageEnteredAt = entered.at(-1) ?? createdAt;
  const ownerId = lead?.row.ownerId ?? company?.row.ownerId ?? ownerFor(plan, team).id;
  const title = company?.row.name ?? `${contact.row.firstName ?? ""} ${contact.row.lastName}`.trim();
  const row: Row<NewDeal> = {
    id: randomUUID(),
    title: `${title} – ${lead?.row.interest ?? fakeInterest(language)}`,
    companyId: company?.row.id ?? null,
    pipelineId: stage.pipelineId,
    stageId: stage.id,
    amount: lead?.row.estimatedValue ?? lead?.row.bant.budget.amount ?? fakeAmount(3_000, 180_000),
    currency: "EUR",
    probability:
      status === "open" && chance(0.12)
        ? Math.min(95, Math.max(5, stage.probability + faker.helpers.arrayElement([-10, -5, 5, 10, 15])))
        : null,
    expectedCloseDate: isoDate(closedAt ?? between(latest(ago(20), plus(stageEnteredAt, 7)), later(120))),
    status,
    lostReason: status === "lost" ? pick(faker.helpers.arrayElement(LOST_REASONS), language) : null,
    closedAt,
    stageEnteredAt,
    sourceLeadId: lead?.row.id ?? null,
    teamId: teamIdOf(plan, team),
    ownerId,
    createdBy: ownerId,
    createdAt,
    updatedAt: closedAt ?? stageEnteredAt,
  };
  if (lead) lead.row.convertedDealId = row.id;
  plan.data.deals.push(row);
  plan.deals.push({ row, language, team, contact, closedAt });

  const colleagues = (company ? plan.contacts.filter((c) => c.company === company) : [])
    .filter((c) => c !== contact && c.row.createdAt <= createdAt)
    .slice(0, faker.number.int({ min: 0, max: 2 }));
  for (const [i, c] of [contact, ...colleagues].entries()) {
    plan.data.dealContacts.push({ dealId: row.id, contactId: c.row.id, isPrimary: i === 0 });
  }
  // One row per stage passed; the current stage's row is the one still open.
  entered.forEach((enteredAt, i) => {
    const stageId = stageRows[i]?.id;
    if (!stageId) return;
    plan.data.dealStageHistory.push({
      dealId: row.id,
      stageId,
      enteredAt,
      // A closed deal's last stay ended with its outcome, as the API records it.
      leftAt: entered[i + 1] ?? closedAt ?? null,
      movedBy: ownerId,
    });
  });
}
