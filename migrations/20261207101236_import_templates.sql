CREATE TABLE "import_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity" text NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"value_mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"duplicate_policy" text DEFAULT 'skip' NOT NULL,
	"match_on" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"link_policy" text DEFAULT 'find' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_templates_entity_check" CHECK (entity in ('lead', 'contact', 'company', 'deal'))
);
--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "link_policy" text DEFAULT 'find' NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "sheets" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "template_id" uuid;--> statement-breakpoint
ALTER TABLE "import_templates" ADD CONSTRAINT "import_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "import_templates_name_key" ON "import_templates" USING btree ("entity",lower("name"));--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_template_id_import_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."import_templates"("id") ON DELETE set null ON UPDATE no action;