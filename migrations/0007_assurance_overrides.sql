CREATE TABLE "assurance_overrides" (
	"org_id" uuid NOT NULL,
	"override_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"period_code" text NOT NULL,
	"measure_key" text NOT NULL,
	"level" text NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assurance_overrides_org_id_override_id_pk" PRIMARY KEY("org_id","override_id")
);
--> statement-breakpoint
ALTER TABLE "assurance_overrides" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assurance_overrides" ADD CONSTRAINT "assurance_overrides_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assurance_overrides_period" ON "assurance_overrides" USING btree ("org_id","period_code","measure_key","created_at" desc);--> statement-breakpoint
CREATE POLICY "assurance_overrides_org_isolation" ON "assurance_overrides" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);