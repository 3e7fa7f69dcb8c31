-- Extensions and SQL helpers the schema depends on. drizzle-kit does not create extensions
-- (DESIGN.md §9), and PGlite must also load them on every open (db/client.ts).
CREATE EXTENSION IF NOT EXISTS ltree;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- Character bigrams of a name, for 2-character Chinese name search through a GIN index.
-- A single-character name yields itself so it can still be found.
CREATE OR REPLACE FUNCTION name_bigrams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE
    WHEN char_length(value) < 2 THEN ARRAY[value]
    ELSE ARRAY(SELECT DISTINCT substr(value, i, 2) FROM generate_series(1, char_length(value) - 1) AS i)
  END
$$;
--> statement-breakpoint
-- Beijing calendar (Asia/Shanghai, UTC+8, no DST since 1991): the SQL twins of lib/time/beijing.ts.
-- A fixed offset keeps them IMMUTABLE (usable in indexes) and independent of the server's tzdata.
CREATE OR REPLACE FUNCTION bj_day(instant timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (instant AT TIME ZONE INTERVAL '+08:00')::date
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bj_month(instant timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT to_char(instant AT TIME ZONE INTERVAL '+08:00', 'YYYY-MM')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bj_quarter(instant timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT to_char(instant AT TIME ZONE INTERVAL '+08:00', 'YYYY-"Q"Q')
$$;
