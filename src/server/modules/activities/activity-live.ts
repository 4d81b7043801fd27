import type { LiveMessage } from "@server/live/live-message";

interface Readers {
  teamId: string | null;
  ownerId: string | null;
  participantUserIds: readonly string[];
}

/** The user ids of an API activity's participants. */
export const usersTakingPart = (activity: { participants: readonly { kind: string; id: string }[] }) =>
  activity.participants.flatMap((p) => (p.kind === "user" ? [p.id] : []));

/**
 * Announces a changed activity to those who may read it (deal cards show the next activity, My work
 * and calendars refresh): the permission gate's readers and the user participants of any team, as
 * `GET /activities/{id}` lets them (`canSeeActivity`). With `before`, also to those who could read it
 * before the change (a removed participant, the previous owner), so their views drop it.
 */
export function activityChanged(
  activity: Readers & { id: string },
  before?: Pick<Readers, "ownerId" | "participantUserIds">,
): LiveMessage {
  const userIds = new Set(activity.participantUserIds);
  for (const id of before?.participantUserIds ?? []) userIds.add(id);
  if (before?.ownerId && before.ownerId !== activity.ownerId) userIds.add(before.ownerId);
  return {
    event: { type: "activity.changed", id: activity.id },
    audience: {
      kind: "activity",
      teamId: activity.teamId,
      ownerId: activity.ownerId,
      userIds: [...userIds],
    },
  };
}
