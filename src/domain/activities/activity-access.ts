import { canSee, type OwnedRecord, type Principal } from "@domain/access-policy";

/** An activity as far as reading it goes: its team and owner, and the users taking part. */
export interface ActivityReaders extends OwnedRecord {
  participantUserIds: readonly string[];
}

/**
 * Who may read an activity: whoever the permission gate lets see it (own, team or all by role), and
 * every user taking part, whatever their team. The SQL twin is `activityVisibility` in the activities
 * service; live events about an activity follow this rule, so they reach exactly those who may
 * refetch it.
 */
export function canSeeActivity(principal: Principal, activity: ActivityReaders): boolean {
  return canSee(principal, "activity", activity) || activity.participantUserIds.includes(principal.id);
}
