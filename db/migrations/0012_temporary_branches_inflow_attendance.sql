CREATE TYPE "public"."attendance_source" AS ENUM('ecard', 'list');--> statement-breakpoint
CREATE TYPE "public"."inflow_status" AS ENUM('active', 'left');--> statement-breakpoint
CREATE TYPE "public"."meeting_kind" AS ENUM('general_meeting', 'committee_meeting', 'group_meeting', 'party_lecture', 'theme_day', 'life_meeting');--> statement-breakpoint
CREATE TYPE "public"."temporary_branch_application_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."temporary_branch_role" AS ENUM('secretary', 'member');--> statement-breakpoint
CREATE TABLE "away_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid,
	"inflow_member_id" uuid,
	"episode_id" uuid,
	"org_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"kind" "meeting_kind" NOT NULL,
	"topic" varchar(200) NOT NULL,
	"source" "attendance_source" NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "away_attendance_who" CHECK (("away_attendance"."member_id" IS NOT NULL) <> ("away_attendance"."inflow_member_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "inflow_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"receiving_org_id" integer NOT NULL,
	"placed_org_id" integer NOT NULL,
	"name" varchar(50) NOT NULL,
	"gender" "gender" NOT NULL,
	"id_number_cipher" "bytea" NOT NULL,
	"id_number_hash" "bytea" NOT NULL,
	"id_number_masked" varchar(18) NOT NULL,
	"phone" varchar(20) NOT NULL,
	"original_org_name" varchar(100) NOT NULL,
	"original_org_contact" varchar(100),
	"certificate_number" varchar(40),
	"reported_on" date NOT NULL,
	"status" "inflow_status" DEFAULT 'active' NOT NULL,
	"left_on" date,
	"note" text,
	"registered_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inflow_members_phone_format" CHECK ("inflow_members"."phone" ~ '^[0-9+-]{5,20}$'),
	CONSTRAINT "inflow_members_left" CHECK (("inflow_members"."status" = 'left') = ("inflow_members"."left_on" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "temporary_branch_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(100) NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"committee_org_id" integer NOT NULL,
	"member_ids" uuid[] NOT NULL,
	"secretary_member_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" "temporary_branch_application_status" DEFAULT 'pending' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"org_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "temporary_branch_applications_size" CHECK (cardinality("temporary_branch_applications"."member_ids") >= 3),
	CONSTRAINT "temporary_branch_applications_region" CHECK ("temporary_branch_applications"."region_code" ~ '^[0-9]{6}$')
);
--> statement-breakpoint
CREATE TABLE "temporary_branch_members" (
	"org_id" integer NOT NULL,
	"member_id" uuid NOT NULL,
	"role" "temporary_branch_role" DEFAULT 'member' NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	CONSTRAINT "temporary_branch_members_org_id_member_id_joined_on_pk" PRIMARY KEY("org_id","member_id","joined_on"),
	CONSTRAINT "temporary_branch_members_dates" CHECK ("temporary_branch_members"."left_on" IS NULL OR "temporary_branch_members"."left_on" >= "temporary_branch_members"."joined_on")
);
--> statement-breakpoint
ALTER TABLE "away_attendance" ADD CONSTRAINT "away_attendance_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "away_attendance" ADD CONSTRAINT "away_attendance_inflow_member_id_inflow_members_id_fk" FOREIGN KEY ("inflow_member_id") REFERENCES "public"."inflow_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "away_attendance" ADD CONSTRAINT "away_attendance_episode_id_outflow_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."outflow_episodes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "away_attendance" ADD CONSTRAINT "away_attendance_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "away_attendance" ADD CONSTRAINT "away_attendance_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inflow_members" ADD CONSTRAINT "inflow_members_receiving_org_id_orgs_id_fk" FOREIGN KEY ("receiving_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inflow_members" ADD CONSTRAINT "inflow_members_placed_org_id_orgs_id_fk" FOREIGN KEY ("placed_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inflow_members" ADD CONSTRAINT "inflow_members_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temporary_branch_applications" ADD CONSTRAINT "temporary_branch_applications_committee_org_id_orgs_id_fk" FOREIGN KEY ("committee_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temporary_branch_applications" ADD CONSTRAINT "temporary_branch_applications_secretary_member_id_members_id_fk" FOREIGN KEY ("secretary_member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temporary_branch_applications" ADD CONSTRAINT "temporary_branch_applications_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temporary_branch_applications" ADD CONSTRAINT "temporary_branch_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temporary_branch_applications" ADD CONSTRAINT "temporary_branch_applications_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temporary_branch_members" ADD CONSTRAINT "temporary_branch_members_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temporary_branch_members" ADD CONSTRAINT "temporary_branch_members_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "away_attendance_member_idx" ON "away_attendance" USING btree ("member_id","held_on" DESC NULLS LAST) WHERE "away_attendance"."member_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "away_attendance_inflow_idx" ON "away_attendance" USING btree ("inflow_member_id","held_on" DESC NULLS LAST) WHERE "away_attendance"."inflow_member_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "away_attendance_org_idx" ON "away_attendance" USING btree ("org_id","held_on" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "away_attendance_once_member" ON "away_attendance" USING btree ("member_id","org_id","held_on","kind") WHERE "away_attendance"."member_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "away_attendance_once_inflow" ON "away_attendance" USING btree ("inflow_member_id","org_id","held_on","kind") WHERE "away_attendance"."inflow_member_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "inflow_members_receiving_idx" ON "inflow_members" USING btree ("receiving_org_id","status","reported_on" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "inflow_members_one_active" ON "inflow_members" USING btree ("id_number_hash") WHERE "inflow_members"."status" = 'active';--> statement-breakpoint
CREATE INDEX "temporary_branch_applications_committee_idx" ON "temporary_branch_applications" USING btree ("committee_org_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "temporary_branch_members_one_active" ON "temporary_branch_members" USING btree ("member_id") WHERE "temporary_branch_members"."left_on" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "temporary_branch_members_one_secretary" ON "temporary_branch_members" USING btree ("org_id") WHERE "temporary_branch_members"."left_on" IS NULL AND "temporary_branch_members"."role" = 'secretary';--> statement-breakpoint
CREATE INDEX "temporary_branch_members_org_idx" ON "temporary_branch_members" USING btree ("org_id","left_on");