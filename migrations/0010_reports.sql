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
CREATE TABLE "measure_values" (
	"org_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"period_code" text NOT NULL,
	"value" double precision NOT NULL,
	"entered_by" uuid,
	"entered_by_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measure_values_org_id_measure_id_period_code_pk" PRIMARY KEY("org_id","measure_id","period_code")
);
--> statement-breakpoint
ALTER TABLE "measure_values" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "measures" (
	"org_id" uuid NOT NULL,
	"measure_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"unit" text NOT NULL,
	"improvement" text NOT NULL,
	"target" double precision NOT NULL,
	"deadline" date,
	"owner" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measures_org_id_measure_id_pk" PRIMARY KEY("org_id","measure_id")
);
--> statement-breakpoint
ALTER TABLE "measures" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assurance_overrides" ADD CONSTRAINT "assurance_overrides_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_values" ADD CONSTRAINT "measure_values_org_id_measure_id_measures_org_id_measure_id_fk" FOREIGN KEY ("org_id","measure_id") REFERENCES "public"."measures"("org_id","measure_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assurance_overrides_period" ON "assurance_overrides" USING btree ("org_id","period_code","measure_key","created_at" desc);--> statement-breakpoint
CREATE UNIQUE INDEX "measures_name" ON "measures" USING btree ("org_id","name");--> statement-breakpoint
CREATE POLICY "assurance_overrides_org_isolation" ON "assurance_overrides" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "measure_values_org_isolation" ON "measure_values" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "measures_org_isolation" ON "measures" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);