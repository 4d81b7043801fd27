CREATE TABLE "lead_win_models" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" text NOT NULL,
	"examples" integer NOT NULL,
	"won" integer NOT NULL,
	"train_count" integer NOT NULL,
	"holdout_count" integer NOT NULL,
	"auc" double precision,
	"model" jsonb,
	"calibration" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "lead_win_models_state_check" CHECK (state in ('published', 'too_little_history', 'no_signal'))
);
--> statement-breakpoint
CREATE INDEX "lead_win_models_trained_idx" ON "lead_win_models" USING btree ("trained_at","id");