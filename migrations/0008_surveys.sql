CREATE TABLE "survey_answers" (
	"org_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"question_code" text NOT NULL,
	"ordinal" integer DEFAULT 0 NOT NULL,
	"option_code" text,
	"free_text" text,
	CONSTRAINT "survey_answers_org_id_response_id_question_code_ordinal_pk" PRIMARY KEY("org_id","response_id","question_code","ordinal")
);
--> statement-breakpoint
ALTER TABLE "survey_answers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "survey_eligible_counts" (
	"org_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"month" date NOT NULL,
	"eligible" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_eligible_counts_org_id_survey_id_unit_id_month_pk" PRIMARY KEY("org_id","survey_id","unit_id","month")
);
--> statement-breakpoint
ALTER TABLE "survey_eligible_counts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "survey_invitations" (
	"org_id" uuid NOT NULL,
	"invitation_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"contact_hash" text NOT NULL,
	"period" text NOT NULL,
	"token_hash" text NOT NULL,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_invitations_org_id_invitation_id_pk" PRIMARY KEY("org_id","invitation_id")
);
--> statement-breakpoint
ALTER TABLE "survey_invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "survey_opt_outs" (
	"org_id" uuid NOT NULL,
	"contact_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_opt_outs_org_id_contact_hash_pk" PRIMARY KEY("org_id","contact_hash")
);
--> statement-breakpoint
ALTER TABLE "survey_opt_outs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"org_id" uuid NOT NULL,
	"response_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"unit_id" uuid NOT NULL,
	"variant" text NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"mode" text NOT NULL,
	"response_date" date NOT NULL,
	"submission_id" text NOT NULL,
	"fft_scale" text,
	"fft_answer" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_responses_org_id_response_id_pk" PRIMARY KEY("org_id","response_id")
);
--> statement-breakpoint
ALTER TABLE "survey_responses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "survey_versions" (
	"org_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_versions_org_id_survey_id_version_pk" PRIMARY KEY("org_id","survey_id","version")
);
--> statement-breakpoint
ALTER TABLE "survey_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "surveys" (
	"org_id" uuid NOT NULL,
	"survey_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"purpose" text NOT NULL,
	"frequency" text DEFAULT 'continuous' NOT NULL,
	"variants" text[] NOT NULL,
	"response_rate_target" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_org_id_survey_id_pk" PRIMARY KEY("org_id","survey_id")
);
--> statement-breakpoint
ALTER TABLE "surveys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_org_id_response_id_survey_responses_org_id_response_id_fk" FOREIGN KEY ("org_id","response_id") REFERENCES "public"."survey_responses"("org_id","response_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_eligible_counts" ADD CONSTRAINT "survey_eligible_counts_org_id_survey_id_surveys_org_id_survey_id_fk" FOREIGN KEY ("org_id","survey_id") REFERENCES "public"."surveys"("org_id","survey_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_eligible_counts" ADD CONSTRAINT "survey_eligible_counts_org_id_unit_id_units_org_id_unit_id_fk" FOREIGN KEY ("org_id","unit_id") REFERENCES "public"."units"("org_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_org_id_survey_id_surveys_org_id_survey_id_fk" FOREIGN KEY ("org_id","survey_id") REFERENCES "public"."surveys"("org_id","survey_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_org_id_unit_id_units_org_id_unit_id_fk" FOREIGN KEY ("org_id","unit_id") REFERENCES "public"."units"("org_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_opt_outs" ADD CONSTRAINT "survey_opt_outs_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_org_id_unit_id_units_org_id_unit_id_fk" FOREIGN KEY ("org_id","unit_id") REFERENCES "public"."units"("org_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_org_id_survey_id_version_survey_versions_org_id_survey_id_version_fk" FOREIGN KEY ("org_id","survey_id","version") REFERENCES "public"."survey_versions"("org_id","survey_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_versions" ADD CONSTRAINT "survey_versions_org_id_survey_id_surveys_org_id_survey_id_fk" FOREIGN KEY ("org_id","survey_id") REFERENCES "public"."surveys"("org_id","survey_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_answers_free_text" ON "survey_answers" USING btree ("org_id","response_id") WHERE free_text is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_once_a_period" ON "survey_invitations" USING btree ("org_id","survey_id","contact_hash","period");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_token" ON "survey_invitations" USING btree ("org_id","token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_submission" ON "survey_responses" USING btree ("org_id","submission_id");--> statement-breakpoint
CREATE INDEX "survey_responses_period" ON "survey_responses" USING btree ("org_id","survey_id","response_date");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_code" ON "surveys" USING btree ("org_id","code");--> statement-breakpoint
CREATE POLICY "survey_answers_org_isolation" ON "survey_answers" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "survey_eligible_counts_org_isolation" ON "survey_eligible_counts" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "survey_invitations_org_isolation" ON "survey_invitations" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "survey_opt_outs_org_isolation" ON "survey_opt_outs" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "survey_responses_org_isolation" ON "survey_responses" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "survey_versions_org_isolation" ON "survey_versions" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "surveys_org_isolation" ON "surveys" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);