CREATE INDEX "companies_phone_e164_todo_idx" ON "companies" USING btree ("id") WHERE phone is not null and phone_normalized is null;--> statement-breakpoint
CREATE INDEX "contacts_phone_e164_todo_idx" ON "contacts" USING btree ("id") WHERE phone is not null and phone_normalized is null;--> statement-breakpoint
CREATE INDEX "leads_phone_e164_todo_idx" ON "leads" USING btree ("id") WHERE phone is not null and phone_normalized is null;--> statement-breakpoint
CREATE INDEX "leads_mobile_e164_todo_idx" ON "leads" USING btree ("id") WHERE mobile is not null and mobile_normalized is null;