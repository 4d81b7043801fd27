import type { Principal } from "@domain/access-policy";
import { abilitiesOf } from "@domain/policy/policy";
import type { Activity } from "@shared/schemas/activity";
import type { ActivityRow, ParticipantRow } from "./activity.repository";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function mapActivity(
  row: ActivityRow,
  ownerName: string | null,
  participants: ParticipantRow[],
  reader: Principal,
): Activity {
  return {
    id: row.id,
    version: row.version,
    type: row.type as Activity["type"],
    subject: row.subject,
    body: row.body,
    dueAt: iso(row.dueAt),
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    occursAt: iso(row.startsAt ?? row.dueAt),
    done: row.done,
    doneAt: iso(row.doneAt),
    ownerId: row.ownerId,
    ownerName,
    teamId: row.teamId,
    leadId: row.leadId,
    contactId: row.contactId,
    companyId: row.companyId,
    dealId: row.dealId,
    participants: participants
      .filter((p) => p.activityId === row.id)
      .map(({ kind, id, name, visible }) => ({ kind, id, name, visible })),
    externalId: row.externalId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: abilitiesOf(reader, "activity", row),
  };
}
