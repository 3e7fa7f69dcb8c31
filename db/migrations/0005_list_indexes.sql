CREATE INDEX "members_org_idx" ON "members" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "members_name_list_idx" ON "members" USING btree ("name","id","org_id","status","skills");--> statement-breakpoint
CREATE INDEX "members_last_contact_list_idx" ON "members" USING btree (coalesce("last_contact_on", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "members_joined_list_idx" ON "members" USING btree (coalesce("joined_party_on", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "outflow_episodes_open_member_idx" ON "outflow_episodes" USING btree ("member_id","host_org_id","region_code","reason") WHERE "outflow_episodes"."ended_on" IS NULL;--> statement-breakpoint
CREATE INDEX "outflow_episodes_hosted_member_idx" ON "outflow_episodes" USING btree ("member_id","host_org_id") WHERE "outflow_episodes"."ended_on" IS NULL AND "outflow_episodes"."host_org_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "outflow_episodes_hosted_by_idx" ON "outflow_episodes" USING btree ("host_org_id","member_id") WHERE "outflow_episodes"."ended_on" IS NULL AND "outflow_episodes"."host_org_id" IS NOT NULL;