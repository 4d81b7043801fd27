import { faker } from "@faker-js/faker";
import type { DbOrTx } from "@server/db/client";
import { type ACTIVITY_TYPE_VALUES, activities } from "@server/db/schema";
import { ACTIVITY_TEXTS, pick } from "@server/modules/seed/demo-data";
import type { CompanyRow } from "./company.factory";
import type { ContactRow } from "./contact.factory";
import type { DealRow } from "./deal.factory";
import { buildLead, type LeadRow } from "./lead.factory";
import { type Ownership, one, resolveOwnership } from "./ownership";

export type ActivityRow = typeof activities.$inferSelect;
export type NewActivity = typeof activities.$inferInsert;
export type ActivityType = (typeof ACTIVITY_TYPE_VALUES)[number];

export function activityValues(overrides: Partial<NewActivity> & { type?: ActivityType } = {}): NewActivity {
  const type = overrides.type ?? "task";
  const subject = pick(faker.helpers.arrayElement(ACTIVITY_TEXTS[type].subjects), "de");
  return { type, subject, ...overrides };
}

/** An activity linked to the given records; with none given, it is attached to a new lead. */
export async function buildActivity(
  db: DbOrTx,
  overrides: Partial<NewActivity> &
    Ownership & {
      type?: ActivityType;
      lead?: LeadRow;
      contact?: ContactRow;
      company?: CompanyRow;
      deal?: DealRow;
    } = {},
): Promise<ActivityRow> {
  const { team, owner, lead: givenLead, contact, company, deal, ...values } = overrides;
  const lead = givenLead ?? (contact || company || deal ? undefined : await buildLead(db, { team, owner }));
  const parent = lead ?? deal ?? contact ?? company;
  const ownership = await resolveOwnership(db, { ...values, team, owner, parentTeamId: parent?.teamId });
  return one(
    db
      .insert(activities)
      .values(
        activityValues({
          leadId: lead?.id ?? null,
          contactId: contact?.id ?? null,
          companyId: company?.id ?? deal?.companyId ?? contact?.companyId ?? null,
          dealId: deal?.id ?? null,
          ...values,
          ...ownership,
        }),
      )
      .returning(),
  );
}
