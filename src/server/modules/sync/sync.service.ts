import { canSee } from "@domain/access-policy";
import type { ServiceContext } from "@server/context";
import { castsCleanly } from "@server/db/keyset";
import { field, invalidInput } from "@server/errors";
import { listActivities } from "@server/modules/activities/activity.service";
import { listCompanies } from "@server/modules/companies/company.service";
import { listContacts } from "@server/modules/contacts/contact.service";
import { listDeals } from "@server/modules/deals/deal-query.service";
import { message } from "@shared/message-codes";
import { activityListQuery } from "@shared/schemas/activity";
import { companyListQuery } from "@shared/schemas/company";
import { contactListQuery } from "@shared/schemas/contact";
import { dealListQuery } from "@shared/schemas/deal";
import type { OwnedEntity } from "@shared/schemas/permissions";
import { SYNC_PAGE_MAX, type Tombstone } from "@shared/schemas/sync";
import { leadFeedItems } from "./lead-feed";
import { type ChangeRow, type FeedPosition, positionAt, readChanges } from "./sync.repository";

/** The largest page the feed hands out (plain list pages stop at 200). */
export const MAX_SYNC_PAGE = SYNC_PAGE_MAX;

/** The visible records among `ids`, each as its list item's JSON. */
type Loader = (ctx: ServiceContext, ids: string[]) => Promise<Map<string, string>>;

/** Through a list's own service with the selected ids: its gate, mapper and `abilities`. */
const throughList =
  (list: (ctx: ServiceContext, ids: string[]) => Promise<{ data: { id: string }[] }>): Loader =>
  async (ctx, ids) =>
    new Map((await list(ctx, ids)).data.map((record) => [record.id, JSON.stringify(record)]));

/**
 * The current, visible records behind a page's changes, each as its list shows it. Leads, the feed
 * with the most traffic, have their items written by PostgreSQL (lead-feed.ts); the others go
 * through the list's own service with the selected ids.
 */
const LOADERS: Record<OwnedEntity, Loader> = {
  lead: leadFeedItems,
  contact: throughList((ctx, ids) =>
    listContacts(ctx, { ...contactListQuery.parse({}), ids, limit: ids.length }),
  ),
  company: throughList((ctx, ids) =>
    listCompanies(ctx, { ...companyListQuery.parse({}), ids, limit: ids.length }),
  ),
  deal: throughList((ctx, ids) => listDeals(ctx, { ...dealListQuery.parse({}), ids, limit: ids.length })),
  activity: throughList((ctx, ids) =>
    listActivities(ctx, { ...activityListQuery.parse({}), ids, limit: ids.length }),
  ),
};

/** A feed page: `items` are the JSON texts of records and tombstones, in change order. */
export interface SyncPage {
  items: string[];
  nextCursor: string;
  hasMore: boolean;
}

/**
 * One page of an entity's change feed (`GET /api/v1/<things>?updatedSince=`): each record changed
 * after the position, once, in the order of its last change on the page, as the list shows it now;
 * a record deleted, merged away or out of the caller's view becomes `{ id, deleted: true, mergedInto? }`
 * when the caller could see it before or after the change (the gate on the owner and team the change
 * recorded), and is left out otherwise, so the feed names no record the caller never could see.
 */
export async function syncPage(
  ctx: ServiceContext,
  entity: OwnedEntity,
  input: { updatedSince: string; limit: number },
): Promise<SyncPage> {
  const start = await startOf(ctx, entity, input.updatedSince);
  const limit = Math.min(Math.max(1, input.limit), MAX_SYNC_PAGE);
  const rows = await readChanges(ctx.db, { entity, after: start, limit: limit + 1 });
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const latest = new Map<string, ChangeRow>();
  const sawBefore = new Set<string>();
  for (const row of page) {
    // Re-inserted so that the map's order is the order of each record's last change.
    latest.delete(row.recordId);
    latest.set(row.recordId, row);
    if (couldSee(ctx, entity, row)) sawBefore.add(row.recordId);
  }
  const ids = [...latest.keys()];
  const visible = ids.length > 0 ? await LOADERS[entity](ctx, ids) : new Map<string, string>();
  const items: string[] = [];
  for (const [id, change] of latest) {
    const record = visible.get(id);
    if (record !== undefined) items.push(record);
    else if (sawBefore.has(id)) {
      const tombstone: Tombstone = {
        id,
        deleted: true,
        ...(change.mergedIntoId ? { mergedInto: change.mergedIntoId } : {}),
      };
      items.push(JSON.stringify(tombstone));
    }
  }
  return { items, nextCursor: encodePosition(entity, last ?? start), hasMore };
}

/** Whether the caller saw the record on either side of the change (owner and team before and after). */
function couldSee(ctx: ServiceContext, entity: OwnedEntity, row: ChangeRow): boolean {
  return (
    canSee(ctx.actor, entity, { ownerId: row.ownerId, teamId: row.teamId }) ||
    ((row.prevOwnerId !== null || row.prevTeamId !== null) &&
      canSee(ctx.actor, entity, { ownerId: row.prevOwnerId, teamId: row.prevTeamId }))
  );
}

const CURSOR_TAG = "s1";

/** The feed position as an opaque cursor: `s1.<entity>.<txid>.<seq>`, base64url-encoded. */
export function encodePosition(entity: OwnedEntity, p: FeedPosition): string {
  return Buffer.from(`${CURSOR_TAG}.${entity}.${p.txid}.${p.seq}`).toString("base64url");
}

const invalidSince = () =>
  invalidInput(message("updated_since_invalid"), [field("updatedSince", "updated_since_invalid")]);

/** An ISO time (the feed from that time on) or a cursor this feed handed out; anything else is a 400. */
async function startOf(ctx: ServiceContext, entity: OwnedEntity, value: string): Promise<FeedPosition> {
  if (/^\d{4}-\d{2}-\d{2}[T ]/.test(value)) {
    const at = new Date(value);
    if (!castsCleanly(value, "timestamptz") || Number.isNaN(at.getTime())) throw invalidSince();
    return positionAt(ctx.db, entity, at);
  }
  const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(value)
    ? Buffer.from(value, "base64url").toString("utf8")
    : "";
  const m = /^s1\.([a-z]+)\.(\d{1,20})\.(\d{1,18})$/.exec(decoded);
  if (!m || m[1] !== entity) throw invalidSince();
  const txid = m[2] ?? "";
  const seq = Number(m[3]);
  // xid8 is unsigned 64-bit; a larger number would fail the cast (a 500) rather than page.
  if (BigInt(txid) > 18_446_744_073_709_551_615n || !Number.isSafeInteger(seq)) throw invalidSince();
  return { txid, seq };
}
