CREATE TABLE "role_permissions" (
	"role" text NOT NULL,
	"entity" text NOT NULL,
	"can_create" boolean NOT NULL,
	"read_scope" text NOT NULL,
	"edit_scope" text NOT NULL,
	"delete_scope" text NOT NULL,
	"can_export" boolean NOT NULL,
	"can_change_owner" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "role_permissions_role_entity_pk" PRIMARY KEY("role","entity")
);
--> statement-breakpoint
ALTER TABLE "role_permissions" ADD CONSTRAINT "role_permissions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;