import type { LiveMessage } from "@server/live/live-message";

/**
 * Announces a changed activity to those who may see it (deal cards show the next activity, My work
 * and calendars refresh). Participants outside the owner's team are not reached; their views
 * refresh on their own next fetch.
 */
export function activityChanged(activity: {
  id: string;
  teamId: string | null;
  ownerId: string | null;
}): LiveMessage {
  return {
    event: { type: "activity.changed", id: activity.id },
    audience: { kind: "record", entity: "activity", teamId: activity.teamId, ownerId: activity.ownerId },
  };
}
