CREATE TYPE "public"."column_kind" AS ENUM('articles', 'regulations', 'materials', 'cases', 'jobs');--> statement-breakpoint
CREATE TYPE "public"."content_status" AS ENUM('draft', 'pending_review', 'returned', 'published', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."regulation_category" AS ENUM('constitution', 'guideline', 'regulation', 'rules', 'provisions', 'measures', 'detailed_rules');--> statement-breakpoint
CREATE TYPE "public"."review_decision" AS ENUM('submitted', 'forwarded', 'approved', 'returned');--> statement-breakpoint
CREATE TABLE "content_columns" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "content_columns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" varchar(40) NOT NULL,
	"name" varchar(40) NOT NULL,
	"kind" "column_kind" NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"column_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"audience_org_id" integer NOT NULL,
	"title" varchar(120) NOT NULL,
	"summary" varchar(200) DEFAULT '' NOT NULL,
	"body_markdown" text DEFAULT '' NOT NULL,
	"body_html" text DEFAULT '' NOT NULL,
	"body_text" text DEFAULT '' NOT NULL,
	"toc" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"search_bigrams" text[] GENERATED ALWAYS AS (name_bigrams(lower(title || ' ' || left(body_text, 20000)))) STORED NOT NULL,
	"cover_file_id" uuid,
	"attachment_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"external_url" varchar(500),
	"pinned" boolean DEFAULT false NOT NULL,
	"featured" boolean DEFAULT false NOT NULL,
	"status" "content_status" DEFAULT 'draft' NOT NULL,
	"publish_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"review_org_id" integer,
	"submitted_by_user_id" uuid,
	"submitter_org_id" integer,
	"regulation_category" "regulation_category",
	"issuing_body" varchar(100),
	"effective_on" date,
	"revised_on" date,
	"target_skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_occupations" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_industries" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_region_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_age_bands" text[] DEFAULT '{}'::text[] NOT NULL,
	"author_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_reads" (
	"member_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"read_seconds" integer DEFAULT 0 NOT NULL,
	"downloads" integer DEFAULT 0 NOT NULL,
	"first_viewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_reads_member_id_item_id_pk" PRIMARY KEY("member_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "content_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"decision" "review_decision" NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" integer NOT NULL,
	"note" varchar(500),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_column_id_content_columns_id_fk" FOREIGN KEY ("column_id") REFERENCES "public"."content_columns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_audience_org_id_orgs_id_fk" FOREIGN KEY ("audience_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_cover_file_id_files_id_fk" FOREIGN KEY ("cover_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_review_org_id_orgs_id_fk" FOREIGN KEY ("review_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_submitter_org_id_orgs_id_fk" FOREIGN KEY ("submitter_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_items" ADD CONSTRAINT "content_items_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_reads" ADD CONSTRAINT "content_reads_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_reads" ADD CONSTRAINT "content_reads_item_id_content_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_reviews" ADD CONSTRAINT "content_reviews_item_id_content_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_reviews" ADD CONSTRAINT "content_reviews_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_reviews" ADD CONSTRAINT "content_reviews_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "content_columns_slug_key" ON "content_columns" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "content_items_published_idx" ON "content_items" USING btree ("publish_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "content_items"."status" = 'published';--> statement-breakpoint
CREATE INDEX "content_items_column_published_idx" ON "content_items" USING btree ("column_id","publish_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "content_items"."status" = 'published';--> statement-breakpoint
CREATE INDEX "content_items_pinned_idx" ON "content_items" USING btree ("publish_at" DESC NULLS LAST) WHERE "content_items"."status" = 'published' AND ("content_items"."pinned" OR "content_items"."featured");--> statement-breakpoint
CREATE INDEX "content_items_org_idx" ON "content_items" USING btree ("org_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "content_items_review_idx" ON "content_items" USING btree ("review_org_id") WHERE "content_items"."status" = 'pending_review';--> statement-breakpoint
CREATE INDEX "content_items_search_gin" ON "content_items" USING gin ("search_bigrams");--> statement-breakpoint
CREATE INDEX "content_items_files_gin" ON "content_items" USING gin ("file_ids");--> statement-breakpoint
CREATE INDEX "content_reads_item_idx" ON "content_reads" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "content_reviews_item_idx" ON "content_reviews" USING btree ("item_id","created_at");--> statement-breakpoint
-- The columns every deployment starts with (lib/content/content-kinds.ts DEFAULT_COLUMNS); the county renames and adds.
INSERT INTO "content_columns" ("slug", "name", "kind", "sort_order") VALUES
  ('news', '新闻动态', 'articles', 1),
  ('notices', '通知公告', 'articles', 2),
  ('current-affairs', '时政热点', 'articles', 3),
  ('theory', '理论知识', 'articles', 4),
  ('hometown', '家乡党建', 'articles', 5),
  ('regulations', '党内法规', 'regulations', 6),
  ('materials', '学习资料', 'materials', 7),
  ('cases', '典型案例', 'cases', 8),
  ('jobs', '就业培训', 'jobs', 9)
ON CONFLICT ("slug") DO NOTHING;
