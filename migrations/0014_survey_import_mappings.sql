CREATE TABLE "survey_import_mappings" (
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"columns" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_import_mappings_org_id_name_pk" PRIMARY KEY("org_id","name")
);
--> statement-breakpoint
ALTER TABLE "survey_import_mappings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "survey_import_mappings" ADD CONSTRAINT "survey_import_mappings_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "survey_import_mappings_org_isolation" ON "survey_import_mappings" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);