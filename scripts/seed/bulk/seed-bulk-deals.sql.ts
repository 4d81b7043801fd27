/*
 * The set-based SQL of seed-bulk-deals.ts: every statement writes all its rows at once from
 * generate_series and random() (seeded by setseed), so 200,000 deals and 2,000,000 activities take
 * minutes on PostgreSQL, not the hours one INSERT per row would. Runs unchanged on PGlite.
 *
 * Temporary tables carry the generated ids between the statements: bulk_deals (one row per deal with
 * its story: stages reached, outcome, times) feeds the deals, their stage history and the converted
 * leads' links; bulk_pick numbers the live leads, deals and contacts so an activity can pick one by a
 * random row number in a hash join.
 */

/** Stages of the pipeline in order, numbered from 0. Parameter: $1 pipeline id. */
export const STAGES_SQL = `
CREATE TEMP TABLE bulk_stages ON COMMIT DROP AS
SELECT id, probability, (row_number() OVER (ORDER BY position, created_at) - 1)::int AS idx
  FROM stages WHERE pipeline_id = $1 AND deleted_at IS NULL;
ANALYZE bulk_stages`;

/**
 * The deals' stories: first the converted leads of the bulk owners that have no deal yet (the deal
 * starts when the lead was converted), then deals without a lead up to $2 in all. Closed deals are
 * those older than 30 days by chance (35 % won, 25 % lost); a won deal went through every stage, a
 * lost or open one through some. Parameters: $1 owner ids (uuid[]), $2 total deals, $3 now.
 */
export const DEAL_STORIES_SQL = `
CREATE TEMP TABLE bulk_deals ON COMMIT DROP AS
WITH from_leads AS (
  SELECT l.id AS lead_id, l.owner_id, l.team_id, l.converted_at AS created_at,
         coalesce(l.company_name, l.last_name, 'Lead') AS name, l.estimated_value
    FROM leads l
   WHERE l.status = 'converted' AND l.converted_deal_id IS NULL AND l.deleted_at IS NULL
     AND l.converted_at IS NOT NULL AND l.owner_id = ANY($1::uuid[])
   ORDER BY l.converted_at
   LIMIT $2
), counted AS (SELECT count(*)::int AS n FROM from_leads),
free AS (
  SELECT NULL::uuid AS lead_id, ($1::uuid[])[1 + floor(random() * cardinality($1::uuid[]))::int] AS owner_id,
         NULL::uuid AS team_id,
         $3::timestamptz - (random() * 730 || ' days')::interval AS created_at,
         'Projekt ' || g AS name, NULL::numeric AS estimated_value
    FROM generate_series(1, greatest(0, $2 - (SELECT n FROM counted))) g
), story AS (
  SELECT gen_random_uuid() AS id, s.*, random() AS r_outcome, random() AS r_stage, random() AS r_span
    FROM (SELECT * FROM from_leads UNION ALL SELECT * FROM free) s
), outcome AS (
  SELECT st.*,
         CASE WHEN st.created_at > $3::timestamptz - interval '30 days' THEN 'open'
              WHEN st.r_outcome < 0.35 THEN 'won' WHEN st.r_outcome < 0.60 THEN 'lost' ELSE 'open' END AS status
    FROM story st
)
SELECT o.id, o.lead_id, o.owner_id, coalesce(o.team_id, u.team_id) AS team_id, o.created_at, o.name,
       o.status,
       CASE WHEN o.status = 'won' THEN (SELECT max(idx) FROM bulk_stages)
            ELSE floor(o.r_stage * ((SELECT max(idx) FROM bulk_stages) + 1))::int END AS last_idx,
       -- The story ends at the close (within 120 days, before now) or now for open deals.
       CASE WHEN o.status = 'open' THEN $3::timestamptz
            ELSE least($3::timestamptz, o.created_at + ((5 + o.r_span * 115) || ' days')::interval) END AS ends_at,
       round(coalesce(o.estimated_value, 2000 + (random() * 98000)::numeric), 2) AS amount,
       random() AS r_close
  FROM outcome o JOIN users u ON u.id = o.owner_id;
CREATE INDEX ON bulk_deals (lead_id);
ANALYZE bulk_deals`;

/**
 * The deals. Open ones get an expected close from three months ago (overdue) to six months ahead;
 * closed ones their close day. Parameters: $1 lost reasons (text[]), $2 now.
 */
export const DEALS_SQL = `
INSERT INTO deals (id, team_id, owner_id, created_by, created_at, updated_at, title, pipeline_id, stage_id,
                   position, amount, currency, expected_close_date, status, lost_reason, closed_at,
                   stage_entered_at, source_lead_id)
SELECT d.id, d.team_id, d.owner_id, d.owner_id, d.created_at, d.ends_at, d.name, s_pipe.pipeline_id, s.id,
       extract(epoch FROM d.created_at), d.amount, 'EUR',
       CASE WHEN d.status = 'open' THEN ($2::timestamptz + ((d.r_close * 270 - 90)::int || ' days')::interval)::date
            ELSE d.ends_at::date END,
       d.status,
       CASE WHEN d.status = 'lost' THEN ($1::text[])[1 + floor(d.r_close * cardinality($1::text[]))::int] END,
       CASE WHEN d.status <> 'open' THEN d.ends_at END,
       d.created_at + (d.ends_at - d.created_at) * (d.last_idx::float8 / (d.last_idx + 1)),
       d.lead_id
  FROM bulk_deals d
  JOIN bulk_stages s ON s.idx = d.last_idx
  CROSS JOIN (SELECT pipeline_id FROM stages WHERE id = (SELECT id FROM bulk_stages LIMIT 1)) s_pipe`;

/**
 * One stay per stage reached, as the app records them: entered in order, each left when the next was
 * entered; the current stage's stay stays open unless the deal closed (the close ends it).
 */
export const STAGE_HISTORY_SQL = `
INSERT INTO deal_stage_history (deal_id, stage_id, entered_at, left_at, moved_by)
SELECT d.id, s.id,
       d.created_at + (d.ends_at - d.created_at) * (s.idx::float8 / (d.last_idx + 1)),
       CASE WHEN s.idx < d.last_idx THEN d.created_at + (d.ends_at - d.created_at) * ((s.idx + 1)::float8 / (d.last_idx + 1))
            WHEN d.status <> 'open' THEN d.ends_at END,
       d.owner_id
  FROM bulk_deals d JOIN bulk_stages s ON s.idx <= d.last_idx`;

/** A contact for every converted lead with a deal (the conversion creates one), owned like the lead. */
export const CONTACTS_SQL = `
CREATE TEMP TABLE bulk_contacts ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, l.id AS lead_id FROM bulk_deals d JOIN leads l ON l.id = d.lead_id;
-- Temporary tables have no statistics until analysed: without them the planner joins by nested loops.
ANALYZE bulk_contacts;
INSERT INTO contacts (id, team_id, owner_id, created_by, created_at, updated_at, first_name, last_name,
                      email, lead_source)
SELECT c.id, l.team_id, l.owner_id, l.owner_id, l.converted_at, l.converted_at, l.first_name,
       coalesce(l.last_name, 'Kontakt'), l.email, l.source
  FROM bulk_contacts c JOIN leads l ON l.id = c.lead_id`;

/** The conversion links the funnel reads: the lead points at its deal and contact. */
export const LINK_LEADS_SQL = `
UPDATE leads l SET converted_deal_id = d.id, converted_contact_id = c.id
  FROM bulk_deals d JOIN bulk_contacts c ON c.lead_id = d.lead_id
 WHERE l.id = d.lead_id`;

/** Live leads, deals and contacts numbered from 1, for activities to pick from. */
export const PICK_SQL = `
CREATE TEMP TABLE bulk_pick ON COMMIT DROP AS
SELECT 'lead'::text AS kind, (row_number() OVER ())::int AS rn, id, owner_id, team_id
  FROM leads WHERE deleted_at IS NULL AND owner_id = ANY($1::uuid[])
UNION ALL
SELECT 'deal', (row_number() OVER ())::int, id, owner_id, team_id FROM deals WHERE deleted_at IS NULL AND owner_id = ANY($1::uuid[])
UNION ALL
SELECT 'contact', (row_number() OVER ())::int, id, owner_id, team_id FROM contacts WHERE deleted_at IS NULL AND owner_id = ANY($1::uuid[]);
CREATE INDEX ON bulk_pick (kind, rn);
ANALYZE bulk_pick`;

/**
 * $2 activities: half on leads, 30 % on deals, 20 % on contacts; tasks, calls and meetings due from a
 * year ago to two months ahead; past ones mostly done, the rest overdue. Parameters: $1 owner ids,
 * $2 count, $3 now.
 */
export const ACTIVITIES_SQL = `
WITH sizes AS (SELECT kind, count(*)::int AS n FROM bulk_pick GROUP BY kind),
gen AS (
  SELECT g, random() AS r_kind, random() AS r_pick, random() AS r_type, random() AS r_when, random() AS r_done
    FROM generate_series(1, $2::int) g
), aimed AS (
  SELECT gen.*, CASE WHEN r_kind < 0.5 THEN 'lead' WHEN r_kind < 0.8 THEN 'deal' ELSE 'contact' END AS kind
    FROM gen
), timed AS (
  SELECT a.*, sz.n,
         CASE WHEN r_type < 0.5 THEN 'task' WHEN r_type < 0.8 THEN 'call' ELSE 'meeting' END AS type,
         $3::timestamptz + ((r_when * 425 - 365) || ' days')::interval AS at
    FROM aimed a JOIN sizes sz ON sz.kind = a.kind
)
INSERT INTO activities (team_id, owner_id, created_by, created_at, updated_at, type, subject, due_at, starts_at,
                        ends_at, done, done_at, lead_id, deal_id, contact_id)
SELECT p.team_id, p.owner_id, p.owner_id, least(t.at, $3::timestamptz) - interval '2 days', least(t.at, $3::timestamptz),
       t.type,
       CASE t.type WHEN 'task' THEN 'Angebot nachfassen' WHEN 'call' THEN 'Rückruf' ELSE 'Termin vor Ort' END,
       CASE WHEN t.type <> 'meeting' THEN t.at END,
       CASE WHEN t.type = 'meeting' THEN t.at END,
       CASE WHEN t.type = 'meeting' THEN t.at + interval '1 hour' END,
       t.at < $3::timestamptz AND t.r_done < 0.85,
       CASE WHEN t.at < $3::timestamptz AND t.r_done < 0.85 THEN t.at END,
       CASE WHEN t.kind = 'lead' THEN p.id END,
       CASE WHEN t.kind = 'deal' THEN p.id END,
       CASE WHEN t.kind = 'contact' THEN p.id END
  FROM timed t JOIN bulk_pick p ON p.kind = t.kind AND p.rn = 1 + floor(t.r_pick * t.n)::int`;
