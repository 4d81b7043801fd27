import type { RecordEntity } from "@domain/access-policy";
import type { LiveEvent } from "@shared/schemas/deal";

/**
 * Who may receive a live event. The event itself carries ids only; the audience lets the bus send it
 * only to users who may see the record (the in-memory twin of the permission gate, `canSee`).
 * - `record`: users who may see a record of `entity` with this team and owner
 * - `activity`: users who may read an activity with this team and owner (`canSeeActivity`), plus
 *   `userIds`: its user participants, who may read it whatever their team, and those who could read
 *   it before the change (so their views drop it)
 * - `user`: exactly one user (a notification)
 * - `everyone`: every logged-in user (pipeline changes: pipelines are visible to all)
 */
export type LiveAudience =
  | { kind: "record"; entity: RecordEntity; teamId: string | null; ownerId: string | null }
  | { kind: "activity"; teamId: string | null; ownerId: string | null; userIds: string[] }
  | { kind: "user"; userId: string }
  | { kind: "everyone" };

/** One message on the bus: the event the browser receives and the audience it is filtered by. */
export interface LiveMessage {
  event: LiveEvent;
  audience: LiveAudience;
}

/** The message announcing a change of a deal, visible to those who may see the deal. */
export function dealChanged(deal: {
  id: string;
  pipelineId: string;
  teamId: string | null;
  ownerId: string | null;
}): LiveMessage {
  return {
    event: { type: "deal.changed", id: deal.id, pipelineId: deal.pipelineId },
    audience: { kind: "record", entity: "deal", teamId: deal.teamId, ownerId: deal.ownerId },
  };
}

/** A lead came in or changed (the intake pipeline), visible to those who may see the lead. */
export function leadChanged(lead: {
  id: string;
  teamId: string | null;
  ownerId: string | null;
}): LiveMessage {
  return {
    event: { type: "lead.changed", id: lead.id },
    audience: { kind: "record", entity: "lead", teamId: lead.teamId, ownerId: lead.ownerId },
  };
}

/**
 * A user's account changed (role, team, deactivated, sessions ended): that user's open streams re-read
 * their rights before they deliver anything else, and close when the login is no longer valid.
 */
export function userChanged(userId: string): LiveMessage {
  return { event: { type: "user.changed", id: userId }, audience: { kind: "user", userId } };
}
