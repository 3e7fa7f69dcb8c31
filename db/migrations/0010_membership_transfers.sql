CREATE TYPE "public"."transfer_status" AS ENUM('awaiting_receipt', 'received', 'cancelled');--> statement-breakpoint
CREATE TABLE "membership_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"letter_number" varchar(40) NOT NULL,
	"issued_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"receiving_org_name" varchar(100) NOT NULL,
	"status" "transfer_status" DEFAULT 'awaiting_receipt' NOT NULL,
	"receipt_on" date,
	"note" text,
	"issued_by" uuid NOT NULL,
	"closed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_transfers_dates" CHECK ("membership_transfers"."valid_until" >= "membership_transfers"."issued_on")
);
--> statement-breakpoint
ALTER TABLE "membership_transfers" ADD CONSTRAINT "membership_transfers_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_transfers" ADD CONSTRAINT "membership_transfers_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_transfers" ADD CONSTRAINT "membership_transfers_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "membership_transfers_member_idx" ON "membership_transfers" USING btree ("member_id","issued_on" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "membership_transfers_one_open" ON "membership_transfers" USING btree ("member_id") WHERE "membership_transfers"."status" = 'awaiting_receipt';--> statement-breakpoint
CREATE INDEX "membership_transfers_awaiting_idx" ON "membership_transfers" USING btree ("valid_until") WHERE "membership_transfers"."status" = 'awaiting_receipt';