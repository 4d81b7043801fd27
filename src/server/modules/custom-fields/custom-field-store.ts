import type { CustomFieldSource } from "@server/context";
import type { CustomFieldDefinition, CustomFieldEntity } from "@shared/schemas/custom-field";
import type { FastifyBaseLogger } from "fastify";

/** How old the definitions a process checks writes with may get before they are read again. */
export const CUSTOM_FIELDS_TTL_MS = 5_000;

type ByEntity = ReadonlyMap<CustomFieldEntity, readonly CustomFieldDefinition[]>;

/**
 * The live custom field definitions of one app process, read whole (a few dozen rows) and kept in
 * memory, so checking a record's values asks no query (as server/access/permission-store.ts keeps the
 * permission matrix). Older than the TTL, they are served and re-read in the background; the process
 * that changes a definition reloads at once. A write naming a key the cache does not know reads the
 * definitions in its own transaction before refusing it (a field just made in another process).
 */
export class CustomFieldStore implements CustomFieldSource {
  private byEntity: ByEntity = new Map();
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly read: () => Promise<ByEntity>,
    private readonly log: FastifyBaseLogger,
    private readonly ttlMs = CUSTOM_FIELDS_TTL_MS,
  ) {}

  async definitions(entity: CustomFieldEntity): Promise<readonly CustomFieldDefinition[]> {
    if (Date.now() - this.readAt > this.ttlMs) void this.refresh();
    return this.byEntity.get(entity) ?? [];
  }

  /** A read that starts now (after one running, which may have begun before a change). */
  async reload(): Promise<void> {
    const running = this.reading;
    if (running !== null) await running;
    await this.refresh();
  }

  /** A read, shared with one already running. */
  private refresh(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.reading ??= this.read()
      .then((byEntity) => {
        this.byEntity = byEntity;
      })
      .catch((error: unknown) => {
        this.log.warn({ err: error }, "the custom field definitions could not be re-read");
      })
      .finally(() => {
        this.readAt = Date.now();
        this.reading = null;
      });
    return this.reading;
  }

  close(): void {
    this.closed = true;
  }
}
