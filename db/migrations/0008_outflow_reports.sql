CREATE TYPE "public"."outflow_report_status" AS ENUM('pending', 'confirmed', 'returned', 'withdrawn');--> statement-breakpoint
CREATE TABLE "outflow_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"place" varchar(200) NOT NULL,
	"reason" "outflow_reason" NOT NULL,
	"leaves_on" date NOT NULL,
	"expected_months" smallint NOT NULL,
	"planned_host" varchar(100),
	"phone_away" varchar(20),
	"note" text,
	"status" "outflow_report_status" DEFAULT 'pending' NOT NULL,
	"filed_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"episode_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outflow_reports_months" CHECK ("outflow_reports"."expected_months" BETWEEN 1 AND 120),
	CONSTRAINT "outflow_reports_phone_format" CHECK ("outflow_reports"."phone_away" ~ '^[0-9+-]{5,20}$')
);
--> statement-breakpoint
ALTER TABLE "outflow_reports" ADD CONSTRAINT "outflow_reports_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outflow_reports" ADD CONSTRAINT "outflow_reports_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outflow_reports" ADD CONSTRAINT "outflow_reports_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outflow_reports" ADD CONSTRAINT "outflow_reports_episode_id_outflow_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."outflow_episodes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outflow_reports_member_idx" ON "outflow_reports" USING btree ("member_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "outflow_reports_pending_idx" ON "outflow_reports" USING btree ("created_at","id") WHERE "outflow_reports"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "outflow_reports_one_pending" ON "outflow_reports" USING btree ("member_id") WHERE "outflow_reports"."status" = 'pending';