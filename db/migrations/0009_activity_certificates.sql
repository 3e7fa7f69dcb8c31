CREATE TYPE "public"."certificate_status" AS ENUM('valid', 'renewed', 'returned');--> statement-breakpoint
CREATE TABLE "activity_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"episode_id" uuid,
	"issuing_org_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"serial" integer NOT NULL,
	"issued_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"extension_reason" text,
	"photo_file_id" uuid NOT NULL,
	"status" "certificate_status" DEFAULT 'valid' NOT NULL,
	"issued_by" uuid NOT NULL,
	"renewed_from_id" uuid,
	"handed_in_on" date,
	"inspected_by" uuid,
	"inspection_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_certificates_dates" CHECK ("activity_certificates"."valid_until" >= "activity_certificates"."issued_on"),
	CONSTRAINT "activity_certificates_serial" CHECK ("activity_certificates"."serial" > 0)
);
--> statement-breakpoint
ALTER TABLE "activity_certificates" ADD CONSTRAINT "activity_certificates_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_certificates" ADD CONSTRAINT "activity_certificates_episode_id_outflow_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."outflow_episodes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_certificates" ADD CONSTRAINT "activity_certificates_issuing_org_id_orgs_id_fk" FOREIGN KEY ("issuing_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_certificates" ADD CONSTRAINT "activity_certificates_photo_file_id_files_id_fk" FOREIGN KEY ("photo_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_certificates" ADD CONSTRAINT "activity_certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_certificates" ADD CONSTRAINT "activity_certificates_renewed_from_id_activity_certificates_id_fk" FOREIGN KEY ("renewed_from_id") REFERENCES "public"."activity_certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_certificates" ADD CONSTRAINT "activity_certificates_inspected_by_users_id_fk" FOREIGN KEY ("inspected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activity_certificates_number" ON "activity_certificates" USING btree ("issuing_org_id","year","serial");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_certificates_one_valid" ON "activity_certificates" USING btree ("member_id") WHERE "activity_certificates"."status" = 'valid';--> statement-breakpoint
CREATE INDEX "activity_certificates_member_idx" ON "activity_certificates" USING btree ("member_id","issued_on" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "activity_certificates_register_idx" ON "activity_certificates" USING btree ("issuing_org_id","issued_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "activity_certificates_expiry_idx" ON "activity_certificates" USING btree ("valid_until") WHERE "activity_certificates"."status" = 'valid';