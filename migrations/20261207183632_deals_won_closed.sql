-- The funnel's won step (#18): per lead, its converted deal if won and when, from this small index
-- instead of a hash of every deal's row (a sequential scan of deals per funnel request at 100k leads).
CREATE INDEX "deals_won_closed_idx" ON "deals" USING btree ("id","closed_at") WHERE deleted_at is null and status = 'won';
