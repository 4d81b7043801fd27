-- Two report reads from an index alone (#18): the forecast's current month before today (open deals
-- by expected close, with the summed and gated columns) and the pipeline's lost reasons of a period.
DROP INDEX "deals_open_close_idx";--> statement-breakpoint
CREATE INDEX "deals_lost_report_idx" ON "deals" USING btree ("closed_at","owner_id","team_id","pipeline_id","lead_source","lost_reason") WHERE deleted_at is null and status = 'lost';--> statement-breakpoint
CREATE INDEX "deals_open_close_idx" ON "deals" USING btree ("expected_close_date","owner_id","team_id","pipeline_id","stage_id","currency","amount","probability") WHERE deleted_at is null and status = 'open';
