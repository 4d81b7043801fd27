CREATE TABLE "custom_field_definitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity" text NOT NULL,
	"key" text NOT NULL,
	"type" text NOT NULL,
	"label" jsonb NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"help" jsonb,
	"position" integer DEFAULT 0 NOT NULL,
	"filterable" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "custom_field_definitions_entity_check" CHECK (entity in ('lead', 'contact', 'company', 'deal')),
	CONSTRAINT "custom_field_definitions_type_check" CHECK (type in ('text', 'long_text', 'number', 'money', 'date', 'choice', 'multi_choice', 'checkbox', 'url', 'email', 'phone', 'user'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "custom_field_definitions_entity_key" ON "custom_field_definitions" USING btree ("entity","key");--> statement-breakpoint
CREATE INDEX "custom_field_definitions_entity_position_idx" ON "custom_field_definitions" USING btree ("entity","position");