-- Webhook events are found once per statement instead of once per audit row: an import batch writes
-- 10,000 audit rows in a few multi-row INSERTs, and the per-row function ran 10,000 times, each
-- with its own look at the subscriptions (issue #17). Same mapping of audit actions to event types
-- (the one place that maps them, ARCHITECTURE.md "Webhooks"), same rule that nothing is written
-- while no active subscription asks for the type, events in the audit rows' order.
CREATE FUNCTION webhook_events_of_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active) THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_events (type, entity, record_id, tx_id)
  SELECT e.event_type, split_part(e.event_type, '.', 1), e.entity_id, txid_current()
    FROM (
      SELECT a.id, a.entity_id, CASE
        WHEN a.action IN ('lead.created') THEN 'lead.created'
        WHEN a.action IN ('lead.updated', 'lead.status_changed', 'lead.lifecycle_changed') THEN 'lead.updated'
        WHEN a.action = 'lead.converted' AND a.entity_type = 'lead' THEN 'lead.converted'
        WHEN a.action IN ('contact.created') THEN 'contact.created'
        WHEN a.action IN ('contact.updated', 'contact.merged') THEN 'contact.updated'
        WHEN a.action IN ('contact.deleted', 'contact.merged_into') THEN 'contact.deleted'
        WHEN a.action IN ('company.created') THEN 'company.created'
        WHEN a.action IN ('company.updated', 'company.merged') THEN 'company.updated'
        WHEN a.action IN ('company.deleted', 'company.merged_into') THEN 'company.deleted'
        WHEN a.action IN ('deal.created', 'deal.stage_changed', 'deal.won', 'deal.lost') THEN a.action
        WHEN a.action IN ('activity.created', 'activity.updated', 'activity.deleted') THEN a.action
      END AS event_type
      FROM new_audit a
      WHERE a.entity_id IS NOT NULL
    ) e
   WHERE e.event_type IS NOT NULL
     AND EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.active AND s.events ? e.event_type)
   ORDER BY e.id
  ON CONFLICT (tx_id, type, record_id) DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER audit_log_webhook_events ON audit_log;
--> statement-breakpoint
DROP FUNCTION webhook_event_of_audit();
--> statement-breakpoint
CREATE TRIGGER audit_log_webhook_events AFTER INSERT ON audit_log REFERENCING NEW TABLE AS new_audit
  FOR EACH STATEMENT EXECUTE FUNCTION webhook_events_of_audit();
