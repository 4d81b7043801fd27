/**
 * The soak's workload (issue #21 point 4): what a sales team does to Leadwerk over a working day, as
 * one mix of requests in fixed proportions, and the records it works on.
 */
import type { Database } from "@server/db/client";
import { hashToken, newSecretToken } from "@server/modules/auth/secret-token";
import { insertToken } from "@server/modules/tokens/token.repository";
import { findUserByEmail } from "@server/modules/users/user.repository";
import { buildUser } from "@test/factories";
import { LEAD_LIST_FIELDS } from "@web/features/leads/list/lead-list-fields";
import { type SQL, sql } from "drizzle-orm";
import { isPossiblePhoneNumber } from "libphonenumber-js";
import { ensureBulkOwners } from "../seed/bulk/bulk-people";

/** One kind of request of the mix, with the records it needs; each lane takes its own share of them. */
export type SoakRequest =
  | { kind: "get"; paths: string[] }
  | { kind: "post"; path: string; bodies: string[] }
  /** PATCH of a lead with its version (optimistic locking): each lane edits its own leads. */
  | { kind: "patch"; targets: { id: string; version: number }[]; body: Record<string, unknown> }
  /** A deal to the next stage of its pipeline, as a drag on the board. */
  | { kind: "move"; deals: { id: string; stageIds: string[] }[] }
  /** Each lead once: the lane takes the next of its share. */
  | { kind: "convert"; leadIds: string[]; body: string };

export interface SoakOperation {
  name: string;
  /** Share of all requests, in percent; the weights of the mix add up to 100. */
  weight: number;
  request: SoakRequest;
}

/**
 * The proportions, per 100 requests. Reading dominates a CRM day: a salesperson opens the list (and
 * pages or filters it) about as often as they open a lead, and every opened lead shows its timeline;
 * searching is how they find a caller. Writes are a fifth: editing a lead after a call is the most
 * common one, new leads and board moves follow, and a conversion is the rarest (a few a day per
 * person against dozens of edits).
 */
export const SOAK_MIX = {
  list: 25,
  search: 20,
  get: 18,
  timeline: 17,
  update: 9,
  create: 5,
  move: 4,
  convert: 2,
} as const satisfies Record<string, number>;

export interface SoakActor {
  role: "sales" | "manager";
  token: string;
}

export interface SoakTeam {
  /** The salespeople of one team (they all see the team's records), then one manager (sees all). */
  actors: SoakActor[];
  teamId: string;
}

async function apiToken(database: Database, userId: string): Promise<string> {
  const token = newSecretToken("lw_");
  await insertToken(database.db, {
    userId,
    name: "soak",
    prefix: token.slice(0, 9),
    tokenHash: hashToken(token),
  });
  return token;
}

/** The first bulk team's salespeople and a manager, each with an API token. */
export async function soakTeam(database: Database): Promise<SoakTeam> {
  const { owners } = await ensureBulkOwners(database.db);
  const teamId = owners[0]?.teamId;
  if (!teamId) throw new Error("no bulk salespeople");
  const sellers = owners.filter((owner) => owner.teamId === teamId);
  const email = "bench.manager@leadwerk.test";
  const manager =
    (await findUserByEmail(database.db, email)) ??
    (await buildUser(database.db, { role: "manager", team: null, email, name: "Bench Manager" }));
  const actors: SoakActor[] = [];
  for (const seller of sellers) actors.push({ role: "sales", token: await apiToken(database, seller.id) });
  actors.push({ role: "manager", token: await apiToken(database, manager.id) });
  return { actors, teamId };
}

const LEADS = "/api/v1/leads";
const FIELDS = `fields=${LEAD_LIST_FIELDS.join(",")}`;

/**
 * The mix on the team's records (all of them visible to every member and to the manager). Leads to
 * edit and leads to convert are disjoint, so an edit never meets a converted (read-only) lead.
 */
export async function soakOperations(database: Database, team: SoakTeam): Promise<SoakOperation[]> {
  const rows = <T>(query: SQL) =>
    database.db.execute(query).then((r) => (r as unknown as { rows: T[] }).rows);
  const ofTeam = sql`deleted_at is null and team_id = ${team.teamId}`;
  const readIds = (
    await rows<{ id: string }>(sql`select id from leads where ${ofTeam} order by random() limit 2000`)
  ).map((r) => r.id);
  const open = await rows<{ id: string; version: number; phones: (string | null)[] }>(
    sql`select id, version, array[phone, mobile] as phones from leads
        where ${ofTeam} and status in ('new', 'assigned', 'in_process') and last_name is not null
        order by random() limit 12000`,
  );
  // 2,000 leads to edit over and over; up to 10,000 to convert once each (2 % of about 1,000 req/s for
  // ten minutes would need 12,000: the bench says so when a lane runs out). The bulk seed writes some
  // phone numbers the API would refuse, and a contact takes only valid ones: those leads are left out.
  // (On a small seed, half of them each.)
  const edited = Math.min(2000, Math.floor(open.length / 2));
  const patchTargets = open.slice(0, edited).map(({ id, version }) => ({ id, version }));
  const convertIds = open
    .slice(edited)
    .filter((r) => r.phones.every((phone) => phone === null || isPossiblePhoneNumber(phone, "DE")))
    .map((r) => r.id);
  const names = (
    await rows<{ word: string }>(
      sql`select lower(last_name) as word from leads where ${ofTeam} and last_name ~ '^[A-Za-z]{4,}$'
          group by 1 order by random() limit 60`,
    )
  ).map((r) => r.word);
  const deals = await rows<{ id: string; stage_ids: string[] }>(sql`
    select d.id, array_agg(s.id order by s.position) as stage_ids
    from deals d join stages s on s.pipeline_id = d.pipeline_id and s.deleted_at is null
    where d.deleted_at is null and d.status = 'open' and d.team_id = ${team.teamId}
    group by d.id order by random() limit 2000`);
  if (readIds.length === 0 || deals.length === 0 || names.length === 0)
    throw new Error("the soak needs seeded leads and deals (do not pass --deals 0)");

  const list = [
    `${LEADS}?${FIELDS}`,
    `${LEADS}?status=in_process&sort=-score&${FIELDS}`,
    `${LEADS}?sort=name&${FIELDS}`,
    `${LEADS}?status=new&${FIELDS}`,
  ];
  const search = [
    ...names.map((word) => `${LEADS}?q=${encodeURIComponent(word)}&${FIELDS}`),
    // The header's global search, as the palette asks.
    ...names.slice(0, 15).map((word) => `/api/v1/search?q=${encodeURIComponent(word)}&limit=25`),
  ];
  const run = Date.now().toString(36);
  const bodies = Array.from({ length: 1000 }, (_, i) =>
    JSON.stringify({
      source: "inbound_call",
      firstName: "Jürgen",
      lastName: `Dauerlauf ${run}-${i}`,
      companyName: `Dauerlauf Prüftechnik GmbH ${i}`,
      email: `juergen.dauerlauf.${run}.${i}@dauerlauf-prueftechnik.de`,
      phone: `+49 30 ${String(7_000_000 + i)}`,
      interest: "Anruf: Interesse an einer Vorführung",
    }),
  );
  const mix: Record<keyof typeof SOAK_MIX, SoakRequest> = {
    list: { kind: "get", paths: list },
    search: { kind: "get", paths: search },
    get: { kind: "get", paths: readIds.map((id) => `${LEADS}/${id}`) },
    timeline: { kind: "get", paths: readIds.map((id) => `${LEADS}/${id}/timeline`) },
    update: { kind: "patch", targets: patchTargets, body: { interest: "Rückruf vereinbart" } },
    create: { kind: "post", path: LEADS, bodies },
    move: { kind: "move", deals: deals.map((d) => ({ id: d.id, stageIds: d.stage_ids })) },
    convert: {
      kind: "convert",
      leadIds: convertIds,
      body: JSON.stringify({ contact: { create: {} }, company: null, deal: null, appointment: null }),
    },
  };
  return (Object.keys(SOAK_MIX) as (keyof typeof SOAK_MIX)[]).map((name) => ({
    name,
    weight: SOAK_MIX[name],
    request: mix[name],
  }));
}
