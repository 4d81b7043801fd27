import type { RecordEntity } from "@domain/access-policy";
import type { LiveEvent } from "@shared/schemas/deal";

/**
 * Who may receive a live event. The event itself carries ids only; the audience lets the bus send it
 * only to users who may see the record (the in-memory twin of the permission gate, `canSee`).
 * - `record`: users who may see a record of `entity` with this team and owner
 * - `user`: exactly one user (a notification)
 * - `everyone`: every logged-in user (pipeline changes: pipelines are visible to all)
 */
export type LiveAudience =
  | { kind: "record"; entity: RecordEntity; teamId: string | null; ownerId: string | null }
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
