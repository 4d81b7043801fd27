import { actorFrom } from "@server/access/actor";
import type { Actor } from "@server/access/permission-gate";
import type { DbOrTx } from "@server/db/client";
import type { FastifyBaseLogger } from "fastify";
import { mayReceive } from "./live-audience";
import type { LiveMessage } from "./live-message";
import { liveCredentials } from "./stream-actor.repository";

/** How often every open stream re-reads its user's rights and login (one batched query per process). */
export const RECHECK_MS = 10_000;

/** One open event stream: whose rights it filters by and how to end it. */
export interface LiveStream {
  /** The user as last read: role, team and the session or token the stream was opened with. */
  actor: Actor;
  /** Writes one event to the client. */
  write(message: LiveMessage): void;
  /** Ends the response; the client's EventSource reconnects and logs in again (or gets 401). */
  end(): void;
  /** Messages held back while the stream re-reads its rights after its user changed. */
  held: LiveMessage[] | null;
}

/**
 * The open event streams of one app process. A stream does not keep the rights it opened with: every
 * `RECHECK_MS` all streams re-read their users in one query, and a stream whose user changed
 * (`user.changed` on the bus) re-reads at once, holding back events meanwhile. A stream whose session
 * ended (logout, expiry, password change elsewhere), whose token was revoked or whose user was
 * deactivated is closed.
 */
export class LiveStreams {
  private readonly streams = new Set<LiveStream>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  /** Reads are numbered as they start; a stream takes only a read newer than the one it has. */
  private reads = 0;
  private readonly lastRead = new WeakMap<LiveStream, number>();

  constructor(
    private readonly db: DbOrTx,
    private readonly log: FastifyBaseLogger,
    private readonly intervalMs = RECHECK_MS,
    /** The actor with their role's current row of the permission matrix (permission-store.ts). */
    private readonly withRights: (actor: Actor) => Actor = (actor) => actor,
  ) {}

  /** How many streams are open (the metrics' `leadwerk_live_streams`). */
  get size(): number {
    return this.streams.size;
  }

  add(stream: LiveStream): void {
    this.streams.add(stream);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.intervalMs);
      this.timer.unref();
    }
  }

  remove(stream: LiveStream): void {
    this.streams.delete(stream);
    if (this.streams.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** Delivers a bus message to one stream, if its user may receive it with the rights read last. */
  deliver(stream: LiveStream, message: LiveMessage): void {
    if (stream.held) {
      stream.held.push(message);
      return;
    }
    if (message.event.type === "user.changed" && message.event.id === stream.actor.id) {
      stream.held = [];
      void this.refresh([stream]).finally(() => {
        const held = stream.held ?? [];
        stream.held = null;
        if (!this.streams.has(stream)) return;
        stream.write(message);
        for (const later of held) this.deliver(stream, later);
      });
      return;
    }
    if (mayReceive(this.withRights(stream.actor), message.audience)) stream.write(message);
  }

  /**
   * Re-reads every open stream's user now and resolves when done. A sweep already running may have
   * read before the change the caller knows of, so this one runs after it.
   */
  recheck(): Promise<void> {
    const next = (this.sweeping ?? Promise.resolve()).then(() => this.refresh([...this.streams]));
    this.sweeping = next;
    void next.finally(() => {
      if (this.sweeping === next) this.sweeping = null;
    });
    return next;
  }

  /** The timer's sweep; skipped while one is still running, so a slow database does not pile them up. */
  private tick(): void {
    if (!this.sweeping) void this.recheck();
  }

  /** Ends every stream (before the server closes). */
  endAll(): void {
    for (const stream of [...this.streams]) stream.end();
  }

  private async refresh(streams: LiveStream[]): Promise<void> {
    if (streams.length === 0) return;
    const read = ++this.reads;
    let current: Awaited<ReturnType<typeof liveCredentials>>;
    try {
      current = await liveCredentials(
        this.db,
        streams.map((s) => ({ userId: s.actor.id, sessionId: s.actor.sessionId, tokenId: s.actor.tokenId })),
      );
    } catch (error) {
      // Keep the streams on their last rights; the next sweep tries again.
      this.log.warn({ err: error }, "live streams could not re-read their users");
      return;
    }
    for (const stream of streams) {
      // A sweep that began before a stream's own re-read (after user.changed) must not undo it.
      if ((this.lastRead.get(stream) ?? 0) > read) continue;
      this.lastRead.set(stream, read);
      const { sessionId, tokenId } = stream.actor;
      const sessionUser = sessionId ? current.bySession.get(sessionId) : undefined;
      const tokenUser = tokenId ? current.byToken.get(tokenId) : undefined;
      if (sessionId && sessionUser) stream.actor = actorFrom(sessionUser, { sessionId });
      else if (tokenId && tokenUser) stream.actor = actorFrom(tokenUser, { tokenId });
      else stream.end();
    }
  }
}
