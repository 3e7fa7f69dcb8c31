CREATE TYPE "public"."org_type" AS ENUM('party_committee', 'working_committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch', 'party_group', 'host');--> statement-breakpoint
CREATE TYPE "public"."gender" AS ENUM('male', 'female');--> statement-breakpoint
CREATE TYPE "public"."member_status" AS ENUM('registered', 'outflow', 'returned', 'transferred_out', 'lost_contact', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."outflow_reason" AS ENUM('work', 'business', 'study', 'family', 'other');--> statement-breakpoint
CREATE TYPE "public"."file_visibility" AS ENUM('scope', 'public');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('queued', 'running', 'succeeded', 'dead');--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "orgs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"parent_id" integer,
	"name" varchar(100) NOT NULL,
	"type" "org_type" NOT NULL,
	"path" "ltree" NOT NULL,
	"region_code" varchar(6),
	"contact_phone" varchar(20),
	"sort_order" integer DEFAULT 0 NOT NULL,
	"dissolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orgs_region_code_format" CHECK ("orgs"."region_code" ~ '^[0-9]{6}$')
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" integer NOT NULL,
	"group_id" integer,
	"name" varchar(50) NOT NULL,
	"name_bigrams" text[] GENERATED ALWAYS AS (name_bigrams(name)) STORED NOT NULL,
	"id_number_cipher" "bytea" NOT NULL,
	"id_number_hash" "bytea" NOT NULL,
	"id_number_masked" varchar(18) NOT NULL,
	"gender" "gender" NOT NULL,
	"birth_date" date NOT NULL,
	"phone" varchar(20),
	"status" "member_status" DEFAULT 'registered' NOT NULL,
	"education" varchar(20),
	"occupation" varchar(50),
	"industry" varchar(50),
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"monthly_income_cipher" "bytea",
	"joined_party_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_phone_format" CHECK ("members"."phone" ~ '^[0-9+-]{5,20}$')
);
--> statement-breakpoint
CREATE TABLE "outflow_episodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"region_code" varchar(6) NOT NULL,
	"place" varchar(200) NOT NULL,
	"reason" "outflow_reason" NOT NULL,
	"host_org_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" integer NOT NULL,
	"visibility" "file_visibility" DEFAULT 'scope' NOT NULL,
	"original_name" varchar(255) NOT NULL,
	"mime" varchar(100) NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"storage_key" varchar(200) NOT NULL,
	"uploaded_by" varchar(64),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" varchar(80) NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "job_status" DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"last_error" text,
	"locked_by" varchar(100),
	"locked_at" timestamp with time zone,
	"unique_key" varchar(200),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "key_fingerprints" (
	"name" varchar(40) PRIMARY KEY NOT NULL,
	"fingerprint" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orgs" ADD CONSTRAINT "orgs_parent_id_orgs_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_group_id_orgs_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outflow_episodes" ADD CONSTRAINT "outflow_episodes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outflow_episodes" ADD CONSTRAINT "outflow_episodes_host_org_id_orgs_id_fk" FOREIGN KEY ("host_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orgs_path_gist" ON "orgs" USING gist ("path");--> statement-breakpoint
CREATE INDEX "orgs_parent_idx" ON "orgs" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "members_id_number_hash_key" ON "members" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "members_org_name_idx" ON "members" USING btree ("org_id","name","id");--> statement-breakpoint
CREATE INDEX "members_status_idx" ON "members" USING btree ("status");--> statement-breakpoint
CREATE INDEX "members_name_bigrams_gin" ON "members" USING gin ("name_bigrams");--> statement-breakpoint
CREATE INDEX "outflow_episodes_member_idx" ON "outflow_episodes" USING btree ("member_id","started_on");--> statement-breakpoint
CREATE UNIQUE INDEX "outflow_episodes_one_open" ON "outflow_episodes" USING btree ("member_id") WHERE "outflow_episodes"."ended_on" IS NULL;--> statement-breakpoint
CREATE INDEX "outflow_episodes_region_idx" ON "outflow_episodes" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "files_org_idx" ON "files" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "files_storage_key" ON "files" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE "jobs"."status" = 'queued';--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_unique_key" ON "jobs" USING btree ("unique_key");