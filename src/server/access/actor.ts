import type { users } from "@server/db/schema";
import type { Locale, Role } from "@shared/schemas/common";
import type { Actor } from "./permission-gate";

type ActorUser = Pick<typeof users.$inferSelect, "id" | "email" | "name" | "role" | "teamId" | "locale">;

/** The actor of a user row, logged in through a session cookie or an API token. */
export function actorFrom(user: ActorUser, via: { sessionId?: string; tokenId?: string }): Actor {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role as Role,
    teamId: user.teamId,
    locale: user.locale as Locale,
    sessionId: via.sessionId ?? null,
    tokenId: via.tokenId ?? null,
  };
}
