import { type Principal, type RecordEntity, scopeFor } from "@domain/access-policy";
import { unauthenticated } from "@server/errors";
import { and, eq, gt, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/** The logged-in user (or API token owner) on whose behalf a request runs. */
export interface Actor extends Principal {
  email: string;
  name: string;
  locale: "de" | "en";
  /** Set for cookie sessions; null for API tokens. */
  sessionId: string | null;
  tokenId: string | null;
}

/** A table of figures kept per owner and team over live records only (visibleKeptWhere). */
interface KeptTable {
  teamId: PgColumn;
  ownerId: PgColumn;
}

interface OwnedTable {
  teamId: PgColumn;
  ownerId: PgColumn;
  deletedAt: PgColumn;
}

/**
 * The one place that decides which rows an actor can see. Every query on a CRM record adds this to
 * its WHERE (lists, search, exports and counts alike), so nothing can see more than get-by-id can;
 * an invisible record is answered 404, not 403, so its existence does not leak.
 */
export function visibleWhere(actor: Actor, entity: RecordEntity, table: OwnedTable): SQL {
  const notDeleted = isNull(table.deletedAt);
  // The role's Read scope of the permission matrix, read once per request into the actor (no query).
  const scope = scopeFor(actor, entity);
  switch (scope) {
    case "all":
      return notDeleted;
    case "team": {
      const mine = eq(table.ownerId, actor.id);
      const teams = actor.teamId ? or(mine, eq(table.teamId, actor.teamId)) : mine;
      return and(notDeleted, teams) ?? sql`false`;
    }
    case "own":
      return and(notDeleted, eq(table.ownerId, actor.id)) ?? sql`false`;
    case "none":
      return sql`false`;
    default: {
      const unreachable: never = scope;
      return unreachable;
    }
  }
}

/**
 * visibleWhere for a prepared statement (db/prepared.ts): `key` names the condition's shape, `where`
 * builds it with placeholders (`gateActor`, `gateTeam`) and `values` fills them in for this actor. The
 * same rows as visibleWhere, case by case.
 */
export interface GateShape {
  key: "all" | "team" | "own" | "none";
  where(): SQL;
  values: { gateActor?: string; gateTeam?: string };
}

export function visibleShape(actor: Actor, entity: RecordEntity, table: OwnedTable): GateShape {
  const notDeleted = () => isNull(table.deletedAt);
  const mine = () => eq(table.ownerId, sql.placeholder("gateActor"));
  const scope = scopeFor(actor, entity);
  switch (scope) {
    case "all":
      return { key: "all", where: notDeleted, values: {} };
    case "team":
      if (actor.teamId)
        return {
          key: "team",
          where: () =>
            and(notDeleted(), or(mine(), eq(table.teamId, sql.placeholder("gateTeam")))) ?? sql`false`,
          values: { gateActor: actor.id, gateTeam: actor.teamId },
        };
      return {
        key: "own",
        where: () => and(notDeleted(), mine()) ?? sql`false`,
        values: { gateActor: actor.id },
      };
    case "own":
      return {
        key: "own",
        where: () => and(notDeleted(), mine()) ?? sql`false`,
        values: { gateActor: actor.id },
      };
    case "none":
      return { key: "none", where: () => sql`false`, values: {} };
    default: {
      const unreachable: never = scope;
      return unreachable;
    }
  }
}

/**
 * The actor's own records (owner = actor) within the gate. Every Read scope but "none" includes what
 * the actor owns, so this is `not deleted and owner_id = me` without the gate's OR: a dashboard's "my
 * leads" or "my tasks" then walks an index on owner_id alone.
 */
export function ownWhere(actor: Actor, entity: RecordEntity, table: OwnedTable): SQL {
  if (scopeFor(actor, entity) === "none") return sql`false`;
  return and(isNull(table.deletedAt), eq(table.ownerId, actor.id)) ?? sql`false`;
}

/**
 * visibleWhere on a table of live records' figures kept per owner and team (deal_open_totals, #18):
 * the same owner and team conditions, without `deleted_at` (such a table counts live records only).
 * A row of it is visible exactly when the records it sums are.
 */
export function visibleKeptWhere(actor: Actor, entity: RecordEntity, table: KeptTable): SQL {
  const scope = scopeFor(actor, entity);
  switch (scope) {
    case "all":
      return sql`true`;
    case "team": {
      const mine = eq(table.ownerId, actor.id);
      return (actor.teamId ? or(mine, eq(table.teamId, actor.teamId)) : mine) ?? sql`false`;
    }
    case "own":
      return eq(table.ownerId, actor.id);
    case "none":
      return sql`false`;
    default: {
      const unreachable: never = scope;
      return unreachable;
    }
  }
}

/** ownWhere on a table of live records' figures kept per owner and team (visibleKeptWhere). */
export function ownKeptWhere(actor: Actor, entity: RecordEntity, table: KeptTable): SQL {
  if (scopeFor(actor, entity) === "none") return sql`false`;
  return eq(table.ownerId, actor.id);
}

/**
 * One part of visibleWhere (visibleParts). `few` marks rows that are few as a rule, so that a query
 * reads them whole rather than walking them in order: what a salesperson owns outside their team (a
 * lead handed over from another team, or kept after moving teams).
 */
export interface VisiblePart {
  where: SQL;
  few: boolean;
}

/**
 * visibleWhere as disjoint parts whose rows together are exactly the visible ones: for a salesperson
 * their team's records, and their own records outside that team; else the one condition. A query
 * that walks an index per part (a frequent-word search, lead-list.repository.ts) reads only rows of
 * that part instead of passing over everyone else's. "Outside the team" is written as the ranges
 * team_id < T, team_id > T and team_id IS NULL: each is an index range on (owner_id, team_id, …),
 * where `team_id <> T` could only be a filter over all of the owner's rows.
 */
export function visibleParts(actor: Actor, entity: RecordEntity, table: OwnedTable): VisiblePart[] {
  const notDeleted = isNull(table.deletedAt);
  const { teamId } = actor;
  if (scopeFor(actor, entity) === "team" && teamId) {
    const ownedWhere = (team: SQL) => ({
      where: and(notDeleted, eq(table.ownerId, actor.id), team) ?? sql`false`,
      few: true,
    });
    return [
      { where: and(notDeleted, eq(table.teamId, teamId)) ?? sql`false`, few: false },
      ownedWhere(lt(table.teamId, teamId)),
      ownedWhere(gt(table.teamId, teamId)),
      ownedWhere(isNull(table.teamId)),
    ];
  }
  return [{ where: visibleWhere(actor, entity, table), few: false }];
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthenticated("login_required");
  return actor;
}
