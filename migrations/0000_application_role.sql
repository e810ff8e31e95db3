-- The role Heard's organisation-scoped queries run as (see src/db/tenancy.ts).
-- Roles belong to the whole server, so another Heard database may have made it already.
DO $$
BEGIN
  CREATE ROLE heard_app NOLOGIN NOSUPERUSER NOINHERIT;
EXCEPTION
  WHEN duplicate_object THEN NULL;
  WHEN unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
-- The connecting role must be able to SET ROLE heard_app; a superuser already can.
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT heard_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO heard_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO heard_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO heard_app;
