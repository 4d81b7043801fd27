CREATE TABLE "consent_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid,
	"contact_id" uuid,
	"purpose" text NOT NULL,
	"legal_basis" text NOT NULL,
	"source" text NOT NULL,
	"policy_version" text,
	"consent_text" text,
	"lead_consent_id" uuid,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawal_channel" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_records_subject_check" CHECK (lead_id is not null or contact_id is not null),
	CONSTRAINT "consent_records_basis_check" CHECK (legal_basis in ('consent', 'contract', 'legal_obligation', 'vital_interest', 'public_task', 'legitimate_interest')),
	CONSTRAINT "consent_records_channel_check" CHECK (withdrawal_channel is null or withdrawal_channel in ('email', 'phone', 'letter', 'form', 'in_person', 'other'))
);
--> statement-breakpoint
CREATE TABLE "processing_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action" text NOT NULL,
	"subject_type" text,
	"subject_id" uuid,
	"actor_id" uuid,
	"reason" text,
	"detail" jsonb,
	"request_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processing_log_action_check" CHECK (action in ('consent_added', 'consent_withdrawn', 'exported', 'erased', 'restricted', 'unrestricted', 'retention_rule_changed', 'retention_proposed', 'retention_approved', 'retention_excluded', 'retention_purged'))
);
--> statement-breakpoint
CREATE TABLE "processing_restrictions" (
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"restricted_by" uuid,
	"restricted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processing_restrictions_type_check" CHECK (subject_type in ('lead', 'contact'))
);
--> statement-breakpoint
CREATE TABLE "retention_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"state" text DEFAULT 'proposed' NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	CONSTRAINT "retention_proposals_state_check" CHECK (state in ('proposed', 'approved', 'excluded', 'purged')),
	CONSTRAINT "retention_proposals_category_check" CHECK (category in ('dead_leads', 'deleted_leads', 'deleted_contacts')),
	CONSTRAINT "retention_proposals_type_check" CHECK (subject_type in ('lead', 'contact'))
);
--> statement-breakpoint
CREATE TABLE "retention_rules" (
	"category" text PRIMARY KEY NOT NULL,
	"after_days" integer NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_rules_category_check" CHECK (category in ('dead_leads', 'deleted_leads', 'deleted_contacts')),
	CONSTRAINT "retention_rules_days_check" CHECK (after_days between 1 and 36500)
);
--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_lead_consent_id_lead_consents_id_fk" FOREIGN KEY ("lead_consent_id") REFERENCES "public"."lead_consents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_log" ADD CONSTRAINT "processing_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_restrictions" ADD CONSTRAINT "processing_restrictions_restricted_by_users_id_fk" FOREIGN KEY ("restricted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_proposals" ADD CONSTRAINT "retention_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_rules" ADD CONSTRAINT "retention_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_records_lead_idx" ON "consent_records" USING btree ("lead_id","given_at");--> statement-breakpoint
CREATE INDEX "consent_records_contact_idx" ON "consent_records" USING btree ("contact_id","given_at");--> statement-breakpoint
CREATE INDEX "processing_log_at_idx" ON "processing_log" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "processing_log_action_at_idx" ON "processing_log" USING btree ("action","at","id");--> statement-breakpoint
CREATE INDEX "processing_log_subject_idx" ON "processing_log" USING btree ("subject_type","subject_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "processing_restrictions_subject_key" ON "processing_restrictions" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "retention_proposals_subject_key" ON "retention_proposals" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "retention_proposals_state_idx" ON "retention_proposals" USING btree ("state","proposed_at","id");