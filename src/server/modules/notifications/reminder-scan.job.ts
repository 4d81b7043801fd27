import type { FastifyInstance } from "fastify";
import { scanReminders } from "./notification.service";

export const REMINDER_SCAN_MS = 30_000;

/**
 * Scans for activities that fall due every 30 s while the app runs and announces new reminders on
 * the live bus; stops when the app closes. Several processes may scan: inserts are idempotent.
 */
export function startReminderScanner(app: FastifyInstance, intervalMs = REMINDER_SCAN_MS): void {
  let running = false;
  const scan = async () => {
    if (running) return;
    running = true;
    try {
      const messages = await scanReminders(app.database.db, new Date());
      for (const message of messages) await app.live.publish(message);
    } catch (error) {
      app.log.warn({ err: error }, "reminder scan failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void scan(), intervalMs);
  timer.unref();
  app.addHook("onClose", async () => {
    clearInterval(timer);
  });
}
