import type { FastifyInstance } from "fastify";
import type { LiveMessage } from "./live-message";

/** Publishes what a committed change announced (routes call this after their service returned). */
export async function publishAll(app: FastifyInstance, messages: readonly LiveMessage[]): Promise<void> {
  for (const message of messages) await app.live.publish(message);
}
