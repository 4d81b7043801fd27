CREATE TABLE "form_rate_hits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"form_id" uuid NOT NULL,
	"client" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"form_id" uuid NOT NULL,
	"dedupe_key" text NOT NULL,
	"content_hash" text NOT NULL,
	"intake_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"reason_detail" jsonb,
	"lead_id" uuid,
	"contact_id" uuid,
	"company_id" uuid,
	"form_id" uuid,
	"team_id" uuid,
	"source_detail" text,
	"utm" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_log_channel_check" CHECK (channel in ('web_form', 'email', 'import', 'api')),
	CONSTRAINT "intake_log_decision_check" CHECK (decision in ('created', 'linked', 'added', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "lead_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid NOT NULL,
	"form_id" uuid,
	"form_version" integer,
	"policy_version" text,
	"consent_text" text NOT NULL,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip_hash" text,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "web_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"campaign" text,
	"team_id" uuid,
	"consent_text" jsonb,
	"policy_version" text,
	"thank_you_text" jsonb,
	"redirect_url" text,
	"allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"min_fill_seconds" integer DEFAULT 3 NOT NULL,
	"limit_per_client" integer DEFAULT 10 NOT NULL,
	"limit_per_form" integer DEFAULT 1000 NOT NULL,
	"double_opt_in" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_form_id_web_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."web_forms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_log" ADD CONSTRAINT "intake_log_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_log" ADD CONSTRAINT "intake_log_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_log" ADD CONSTRAINT "intake_log_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_log" ADD CONSTRAINT "intake_log_form_id_web_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."web_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_log" ADD CONSTRAINT "intake_log_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_consents" ADD CONSTRAINT "lead_consents_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_consents" ADD CONSTRAINT "lead_consents_form_id_web_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."web_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_forms" ADD CONSTRAINT "web_forms_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_forms" ADD CONSTRAINT "web_forms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "form_rate_hits_client_idx" ON "form_rate_hits" USING btree ("client","at");--> statement-breakpoint
CREATE INDEX "form_rate_hits_form_idx" ON "form_rate_hits" USING btree ("form_id","at");--> statement-breakpoint
CREATE INDEX "form_rate_hits_at_idx" ON "form_rate_hits" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "form_submissions_key" ON "form_submissions" USING btree ("form_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "form_submissions_created_idx" ON "form_submissions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "intake_log_received_idx" ON "intake_log" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "intake_log_decision_received_idx" ON "intake_log" USING btree ("decision","received_at","id");--> statement-breakpoint
CREATE INDEX "intake_log_form_received_idx" ON "intake_log" USING btree ("form_id","received_at");--> statement-breakpoint
CREATE INDEX "intake_log_lead_idx" ON "intake_log" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "lead_consents_lead_idx" ON "lead_consents" USING btree ("lead_id","given_at");--> statement-breakpoint
CREATE UNIQUE INDEX "web_forms_key_key" ON "web_forms" USING btree ("key");--> statement-breakpoint
CREATE INDEX "web_forms_live_name_idx" ON "web_forms" USING btree (lower("name"),"id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "companies_vat_idx" ON "companies" USING btree (regexp_replace(upper("vat_id"), '[^0-9A-Z+*]', '', 'g'));--> statement-breakpoint
CREATE INDEX "leads_source_detail_created_idx" ON "leads" USING btree ("source_detail","created_at","id") WHERE deleted_at is null;