ALTER TABLE "companies" ADD COLUMN "phone_normalized" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "formality" text DEFAULT 'formal' NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "formality" text DEFAULT 'formal' NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_formality_check" CHECK (formality in ('formal', 'informal'));--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_formality_check" CHECK (formality in ('formal', 'informal'));