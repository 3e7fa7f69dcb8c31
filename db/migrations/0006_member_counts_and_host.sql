CREATE TABLE "org_member_counts" (
	"org_id" integer NOT NULL,
	"status" "member_status" NOT NULL,
	"members" integer NOT NULL,
	CONSTRAINT "org_member_counts_org_id_status_pk" PRIMARY KEY("org_id","status")
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "host_org_id" integer;--> statement-breakpoint
ALTER TABLE "org_member_counts" ADD CONSTRAINT "org_member_counts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_host_org_id_orgs_id_fk" FOREIGN KEY ("host_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "members_hosted_list_idx" ON "members" USING btree ("host_org_id","name","id") WHERE "members"."host_org_id" IS NOT NULL;--> statement-breakpoint
-- members.host_org_id mirrors the host of the member's open outflow episode (at most one is open:
-- outflow_episodes_one_open). Whatever writes episodes, the trigger below keeps it current.
CREATE OR REPLACE FUNCTION members_refresh_host_org(member_ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  WITH current_host AS (
    SELECT touched.member_id,
           (SELECT e.host_org_id FROM outflow_episodes e WHERE e.member_id = touched.member_id AND e.ended_on IS NULL) AS host_org_id
    FROM unnest(member_ids) AS touched(member_id)
  )
  UPDATE members m SET host_org_id = current_host.host_org_id
  FROM current_host
  WHERE m.id = current_host.member_id AND m.host_org_id IS DISTINCT FROM current_host.host_org_id;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION outflow_episodes_sync_host() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Each event's trigger names only the transition tables it has, and PL/pgSQL plans a statement
  -- when it first runs, so each branch reads only the tables of its own event.
  IF TG_OP = 'INSERT' THEN
    PERFORM members_refresh_host_org(ARRAY(SELECT DISTINCT member_id FROM episodes_added));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM members_refresh_host_org(ARRAY(SELECT member_id FROM episodes_added UNION SELECT member_id FROM episodes_removed));
  ELSE
    PERFORM members_refresh_host_org(ARRAY(SELECT DISTINCT member_id FROM episodes_removed));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- org_member_counts holds, per home org and status, how many members there are. One statement
-- (a 10,000-row import, say) adjusts each counter once, in key order, so that concurrent writers
-- take the counters' row locks in the same order.
CREATE OR REPLACE FUNCTION org_member_counts_add(deltas jsonb) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO org_member_counts AS counter (org_id, status, members)
  SELECT change.org_id, change.status, sum(change.delta)::integer
  FROM jsonb_to_recordset(deltas) AS change(org_id integer, status member_status, delta integer)
  GROUP BY change.org_id, change.status
  HAVING sum(change.delta) <> 0
  ORDER BY change.org_id, change.status
  ON CONFLICT (org_id, status) DO UPDATE SET members = counter.members + excluded.members;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION members_count_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM org_member_counts;
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM org_member_counts_add((SELECT jsonb_agg(jsonb_build_object('org_id', org_id, 'status', status, 'delta', n))
                                   FROM (SELECT org_id, status, count(*) AS n FROM members_added GROUP BY 1, 2) AS grouped));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM org_member_counts_add((SELECT jsonb_agg(jsonb_build_object('org_id', org_id, 'status', status, 'delta', -n))
                                   FROM (SELECT org_id, status, count(*) AS n FROM members_removed GROUP BY 1, 2) AS grouped));
  ELSE
    -- Most updates change neither org nor status: their +1 and -1 cancel and nothing is written.
    PERFORM org_member_counts_add((SELECT jsonb_agg(jsonb_build_object('org_id', org_id, 'status', status, 'delta', n))
                                   FROM (SELECT org_id, status, sum(delta) AS n
                                         FROM (SELECT org_id, status, 1 AS delta FROM members_added
                                               UNION ALL SELECT org_id, status, -1 FROM members_removed) AS change
                                         GROUP BY 1, 2 HAVING sum(delta) <> 0) AS grouped));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Existing rows first, then the triggers that keep both current from here on.
UPDATE members m SET host_org_id = e.host_org_id
FROM outflow_episodes e
WHERE e.member_id = m.id AND e.ended_on IS NULL AND e.host_org_id IS NOT NULL;
--> statement-breakpoint
INSERT INTO org_member_counts (org_id, status, members)
SELECT org_id, status, count(*)::integer FROM members GROUP BY org_id, status;
--> statement-breakpoint
CREATE TRIGGER outflow_episodes_host_inserted AFTER INSERT ON outflow_episodes
  REFERENCING NEW TABLE AS episodes_added FOR EACH STATEMENT EXECUTE FUNCTION outflow_episodes_sync_host();
--> statement-breakpoint
CREATE TRIGGER outflow_episodes_host_updated AFTER UPDATE ON outflow_episodes
  REFERENCING OLD TABLE AS episodes_removed NEW TABLE AS episodes_added FOR EACH STATEMENT EXECUTE FUNCTION outflow_episodes_sync_host();
--> statement-breakpoint
CREATE TRIGGER outflow_episodes_host_deleted AFTER DELETE ON outflow_episodes
  REFERENCING OLD TABLE AS episodes_removed FOR EACH STATEMENT EXECUTE FUNCTION outflow_episodes_sync_host();
--> statement-breakpoint
CREATE TRIGGER members_counted_inserted AFTER INSERT ON members
  REFERENCING NEW TABLE AS members_added FOR EACH STATEMENT EXECUTE FUNCTION members_count_changes();
--> statement-breakpoint
CREATE TRIGGER members_counted_updated AFTER UPDATE ON members
  REFERENCING OLD TABLE AS members_removed NEW TABLE AS members_added FOR EACH STATEMENT EXECUTE FUNCTION members_count_changes();
--> statement-breakpoint
CREATE TRIGGER members_counted_deleted AFTER DELETE ON members
  REFERENCING OLD TABLE AS members_removed FOR EACH STATEMENT EXECUTE FUNCTION members_count_changes();
--> statement-breakpoint
CREATE TRIGGER members_counted_truncated AFTER TRUNCATE ON members
  FOR EACH STATEMENT EXECUTE FUNCTION members_count_changes();
