CREATE TYPE "public"."feedback_rating" AS ENUM('excellent', 'good', 'fair', 'poor');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('pending', 'accepted', 'declined', 'outside', 'ended');--> statement-breakpoint
CREATE TABLE "host_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"host_org_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"rating" "feedback_rating" NOT NULL,
	"content" text NOT NULL,
	"filed_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "host_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"host_org_id" integer,
	"outside_org_name" varchar(100),
	"outside_contact" varchar(100),
	"reported_on" date NOT NULL,
	"status" "registration_status" NOT NULL,
	"placed_org_id" integer,
	"certificate_checked" boolean DEFAULT false NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "host_registrations_where" CHECK (("host_registrations"."host_org_id" IS NOT NULL) <> ("host_registrations"."outside_org_name" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "host_feedback" ADD CONSTRAINT "host_feedback_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_feedback" ADD CONSTRAINT "host_feedback_host_org_id_orgs_id_fk" FOREIGN KEY ("host_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_feedback" ADD CONSTRAINT "host_feedback_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_registrations" ADD CONSTRAINT "host_registrations_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_registrations" ADD CONSTRAINT "host_registrations_episode_id_outflow_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."outflow_episodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_registrations" ADD CONSTRAINT "host_registrations_host_org_id_orgs_id_fk" FOREIGN KEY ("host_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_registrations" ADD CONSTRAINT "host_registrations_placed_org_id_orgs_id_fk" FOREIGN KEY ("placed_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_registrations" ADD CONSTRAINT "host_registrations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "host_feedback_one_a_year" ON "host_feedback" USING btree ("member_id","host_org_id","year");--> statement-breakpoint
CREATE INDEX "host_registrations_member_idx" ON "host_registrations" USING btree ("member_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "host_registrations_host_idx" ON "host_registrations" USING btree ("host_org_id","status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "host_registrations_one_live" ON "host_registrations" USING btree ("episode_id") WHERE "host_registrations"."status" IN ('pending', 'accepted', 'outside');