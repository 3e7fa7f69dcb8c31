CREATE TYPE "public"."dues_category" AS ENUM('salaried', 'retired', 'annual_salary', 'self_employed', 'farmer', 'student', 'unemployed', 'subsistence');--> statement-breakpoint
CREATE TYPE "public"."member_category" AS ENUM('full', 'probationary');--> statement-breakpoint
CREATE TYPE "public"."member_claim_status" AS ENUM('pending', 'verified', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."census_outcome" AS ENUM('confirmed', 'corrected');--> statement-breakpoint
CREATE TYPE "public"."change_request_status" AS ENUM('pending', 'approved', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."contact_way" AS ENUM('phone', 'wechat', 'sms', 'visit', 'homecoming_forum', 'heart_talk');--> statement-breakpoint
CREATE TABLE "member_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" integer NOT NULL,
	"name" varchar(50) NOT NULL,
	"id_number_cipher" "bytea" NOT NULL,
	"id_number_hash" "bytea" NOT NULL,
	"id_number_masked" varchar(18) NOT NULL,
	"phone" varchar(20) NOT NULL,
	"note" text,
	"consent_version" varchar(20) NOT NULL,
	"status" "member_claim_status" DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "passkeys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"credential_id" varchar(1400) NOT NULL,
	"public_key" "bytea" NOT NULL,
	"counter" bigint DEFAULT 0 NOT NULL,
	"transports" text[] DEFAULT '{}'::text[] NOT NULL,
	"device_type" varchar(20) NOT NULL,
	"backed_up" boolean DEFAULT false NOT NULL,
	"label" varchar(60) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "used_webauthn_challenges" (
	"challenge_hash" varchar(64) PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "census_responses" (
	"census_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"outcome" "census_outcome" NOT NULL,
	"change_request_id" uuid,
	"responded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "census_responses_census_id_member_id_pk" PRIMARY KEY("census_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "censuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" integer NOT NULL,
	"title" varchar(100) NOT NULL,
	"note" text,
	"deadline" date NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "change_request_fields" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"field" varchar(40) NOT NULL,
	"old_value" text,
	"new_value" text,
	"pending" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"evidence_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" "change_request_status" DEFAULT 'pending' NOT NULL,
	"census_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"contacted_on" date NOT NULL,
	"way" "contact_way" NOT NULL,
	"contacted_by" varchar(50) NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "situation_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"received_on" date NOT NULL,
	"summary" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(30) NOT NULL,
	"category" varchar(30) NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "ethnicity" varchar(20);--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "category" "member_category" DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "probation_ends_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "full_member_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "work_unit" varchar(100);--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "dues_category" "dues_category";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "family_situation" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "difficulties" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "emergency_contact_name" varchar(50);--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "emergency_contact_relation" varchar(20);--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "emergency_contact_phone" varchar(20);--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "last_contact_on" date;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "contact_person_id" uuid;--> statement-breakpoint
ALTER TABLE "member_claims" ADD CONSTRAINT "member_claims_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_claims" ADD CONSTRAINT "member_claims_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_claims" ADD CONSTRAINT "member_claims_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passkeys" ADD CONSTRAINT "passkeys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_responses" ADD CONSTRAINT "census_responses_census_id_censuses_id_fk" FOREIGN KEY ("census_id") REFERENCES "public"."censuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_responses" ADD CONSTRAINT "census_responses_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "census_responses" ADD CONSTRAINT "census_responses_change_request_id_change_requests_id_fk" FOREIGN KEY ("change_request_id") REFERENCES "public"."change_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "censuses" ADD CONSTRAINT "censuses_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "censuses" ADD CONSTRAINT "censuses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_request_fields" ADD CONSTRAINT "change_request_fields_request_id_change_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."change_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_request_fields" ADD CONSTRAINT "change_request_fields_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_census_id_censuses_id_fk" FOREIGN KEY ("census_id") REFERENCES "public"."censuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_contacts" ADD CONSTRAINT "member_contacts_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_contacts" ADD CONSTRAINT "member_contacts_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "situation_reports" ADD CONSTRAINT "situation_reports_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "situation_reports" ADD CONSTRAINT "situation_reports_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_claims_org_status_idx" ON "member_claims" USING btree ("org_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "member_claims_one_pending" ON "member_claims" USING btree ("id_number_hash") WHERE "member_claims"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "passkeys_credential_key" ON "passkeys" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "passkeys_user_idx" ON "passkeys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "used_webauthn_challenges_expiry_idx" ON "used_webauthn_challenges" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "censuses_org_idx" ON "censuses" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "change_request_fields_request_idx" ON "change_request_fields" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "change_request_fields_one_pending" ON "change_request_fields" USING btree ("member_id","field") WHERE "change_request_fields"."pending";--> statement-breakpoint
CREATE INDEX "change_requests_member_idx" ON "change_requests" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "change_requests_status_idx" ON "change_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "change_requests_evidence_gin" ON "change_requests" USING gin ("evidence_file_ids");--> statement-breakpoint
CREATE INDEX "member_contacts_member_idx" ON "member_contacts" USING btree ("member_id","contacted_on");--> statement-breakpoint
CREATE INDEX "situation_reports_member_year_idx" ON "situation_reports" USING btree ("member_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "skills_name_key" ON "skills" USING btree ("name");--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_contact_person_id_members_id_fk" FOREIGN KEY ("contact_person_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "members_phone_idx" ON "members" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "members_contact_person_idx" ON "members" USING btree ("contact_person_id");--> statement-breakpoint
CREATE INDEX "members_skills_gin" ON "members" USING gin ("skills");