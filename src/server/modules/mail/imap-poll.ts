import type { Db, DbOrTx } from "@server/db/client";
import { imapCursors } from "@server/db/schema";
import { eq, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import * as inboundRepo from "./inbound.repository";
import { type InboundOutcome, takeInboundMail } from "./inbound.service";
import { imapClient } from "./mail-connection-test";
import { IMAP_PASSWORD } from "./mail-runtime";
import { readStoredEmailSettings, type StoredImap } from "./mail-settings.repository";
import type { SecretBox } from "./secret-box";

async function readCursor(db: DbOrTx, mailbox: string) {
  const [row] = await db.select().from(imapCursors).where(eq(imapCursors.mailbox, mailbox));
  return row ?? null;
}

async function saveCursor(db: DbOrTx, mailbox: string, uidValidity: number, lastUid: number): Promise<void> {
  await db
    .insert(imapCursors)
    .values({ mailbox, uidValidity, lastUid })
    .onConflictDoUpdate({
      target: imapCursors.mailbox,
      set: {
        uidValidity,
        lastUid: sql`greatest(${imapCursors.lastUid}, excluded.last_uid)`,
        updatedAt: sql`now()`,
      },
    });
}

/** The key under which a mailbox's progress is kept: account, server and folder. */
export const mailboxKey = (imap: Pick<StoredImap, "user" | "host" | "port" | "folder">) =>
  `${imap.user}@${imap.host}:${imap.port}/${imap.folder}`;

export interface PollResult {
  taken: InboundOutcome[];
  skipped: "off" | "not_due" | "password_unreadable" | null;
}

/**
 * One look into the configured IMAP folder: every message with a UID above the stored one is read and
 * taken in (`takeInboundMail`), and the cursor moves past it IN THE SAME TRANSACTION, so after a
 * crash or restart polling continues behind the last mail taken in and never reads one twice. A new
 * UIDVALIDITY (the folder was re-created) starts over at UID 1; repeats are then caught by their
 * Message-ID. Afterwards each mail is flagged \Seen or moved, as configured; that is for the humans
 * looking at the mailbox, the cursor does not rely on it. Too large mails are not downloaded.
 */
export async function pollImap(
  db: Db,
  box: SecretBox,
  log: FastifyBaseLogger,
  options: { maxBytes: number; force?: boolean; signal?: AbortSignal },
): Promise<PollResult> {
  const settings = await readStoredEmailSettings(db);
  const imap = settings.imap;
  if (!imap?.enabled) return { taken: [], skipped: "off" };
  const key = mailboxKey(imap);
  const cursor = await readCursor(db, key);
  if (!options.force && cursor && Date.now() - cursor.updatedAt.getTime() < imap.pollSeconds * 1000 - 1000) {
    return { taken: [], skipped: "not_due" };
  }
  const password = imap.passwordSealed ? box.open(imap.passwordSealed, IMAP_PASSWORD) : null;
  if (imap.passwordSealed && password === null) return { taken: [], skipped: "password_unreadable" };
  const client = imapClient({ ...imap, password });
  client.on("error", (error: unknown) =>
    log.warn({ code: (error as { code?: string }).code }, "imap connection error"),
  );
  await client.connect();
  const taken: InboundOutcome[] = [];
  try {
    const opened = await client.mailboxOpen(imap.folder);
    const uidValidity = Number(opened.uidValidity);
    const after = cursor && cursor.uidValidity === uidValidity ? cursor.lastUid : 0;
    // Mark the poll even when nothing is new, so pollSeconds counts from here.
    await saveCursor(db, key, uidValidity, after);
    const waiting: { uid: number; size: number }[] = [];
    // "n:*" also answers the highest message when n is above it: hence the filter.
    for await (const message of client.fetch(`${after + 1}:*`, { uid: true, size: true }, { uid: true })) {
      if (message.uid > after) waiting.push({ uid: message.uid, size: message.size ?? 0 });
    }
    waiting.sort((a, b) => a.uid - b.uid);
    for (const { uid, size } of waiting) {
      if (options.signal?.aborted) break;
      const moveCursor = (tx: DbOrTx) => saveCursor(tx, key, uidValidity, uid);
      if (size > options.maxBytes) {
        await db.transaction(async (tx) => {
          await inboundRepo.insertInboundMail(tx, {
            channel: "imap",
            mailbox: key,
            sizeBytes: size,
            status: "rejected",
            reason: "mail_too_large",
          });
          await moveCursor(tx);
        });
      } else {
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        const raw = (message ? message.source : undefined) ?? Buffer.alloc(0);
        taken.push(
          await takeInboundMail(
            db,
            { maxBytes: options.maxBytes },
            {
              channel: "imap",
              mailbox: key,
              raw,
              alsoInTransaction: moveCursor,
            },
          ),
        );
      }
      if (imap.afterRead === "move" && imap.moveTo)
        await client.messageMove(String(uid), imap.moveTo, { uid: true });
      else await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
    }
  } finally {
    await client.logout().catch(() => undefined);
  }
  return { taken, skipped: null };
}
