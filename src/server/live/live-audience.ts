import { canSee, type Principal } from "@domain/access-policy";
import { canSeeActivity } from "@domain/activities/activity-access";
import type { LiveAudience } from "./live-message";

/** Whether a live event for `audience` may go to this user: the in-memory twin of the permission gate. */
export function mayReceive(user: Principal, audience: LiveAudience): boolean {
  switch (audience.kind) {
    case "everyone":
      return true;
    case "user":
      return audience.userId === user.id;
    case "record":
      return canSee(user, audience.entity, audience);
    case "activity":
      return canSeeActivity(user, { ...audience, participantUserIds: audience.userIds });
    default: {
      const unreachable: never = audience;
      return unreachable;
    }
  }
}
