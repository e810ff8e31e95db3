CREATE TABLE "action_alerts" (
	"org_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"for_date" date NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_alerts_org_id_subject_id_kind_for_date_pk" PRIMARY KEY("org_id","subject_id","kind","for_date")
);
--> statement-breakpoint
ALTER TABLE "action_alerts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "action_evidence" (
	"org_id" uuid NOT NULL,
	"evidence_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"note" text,
	"file_name" text,
	"content_type" text,
	"size_bytes" integer,
	"sha256" text,
	"content" "bytea",
	"added_by" uuid,
	"added_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_evidence_org_id_evidence_id_pk" PRIMARY KEY("org_id","evidence_id")
);
--> statement-breakpoint
ALTER TABLE "action_evidence" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "action_plans" (
	"org_id" uuid NOT NULL,
	"plan_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"visit_type" text,
	"unit_id" uuid,
	"source_record_id" uuid,
	"source_description" text,
	"reported_to" text,
	"assurance_level" text,
	"assurance_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_plans_org_id_plan_id_pk" PRIMARY KEY("org_id","plan_id")
);
--> statement-breakpoint
ALTER TABLE "action_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "audit_measurements" (
	"org_id" uuid NOT NULL,
	"audit_id" uuid NOT NULL,
	"measured_on" date NOT NULL,
	"compliance_percent" numeric(5, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_measurements_org_id_audit_id_measured_on_pk" PRIMARY KEY("org_id","audit_id","measured_on")
);
--> statement-breakpoint
ALTER TABLE "audit_measurements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "clinical_audits" (
	"org_id" uuid NOT NULL,
	"audit_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"unit_id" uuid,
	"target_percent" numeric(5, 2) NOT NULL,
	"plan_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinical_audits_org_id_audit_id_pk" PRIMARY KEY("org_id","audit_id")
);
--> statement-breakpoint
ALTER TABLE "clinical_audits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "learning_theme_points" (
	"org_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"member_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_learning_point_id" uuid,
	"source_learning_point_id" uuid,
	CONSTRAINT "learning_theme_points_org_id_theme_id_member_id_pk" PRIMARY KEY("org_id","theme_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "learning_theme_points" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "learning_theme_responses" (
	"org_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"action_plan" text,
	"assurance_received_date" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learning_theme_responses_org_id_theme_id_unit_id_pk" PRIMARY KEY("org_id","theme_id","unit_id")
);
--> statement-breakpoint
ALTER TABLE "learning_theme_responses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "learning_themes" (
	"org_id" uuid NOT NULL,
	"theme_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"quarter" text NOT NULL,
	"text" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learning_themes_org_id_theme_id_pk" PRIMARY KEY("org_id","theme_id")
);
--> statement-breakpoint
ALTER TABLE "learning_themes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "plan_actions" (
	"org_id" uuid NOT NULL,
	"action_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"lead_user_id" uuid,
	"lead_name" text,
	"action_completed" text,
	"further_action" text,
	"due_date" date,
	"due_date_precision" text DEFAULT 'day' NOT NULL,
	"method_of_measurement" text,
	"outcome_indicator" text,
	"reported_to" text,
	"status" text DEFAULT 'not-started' NOT NULL,
	"completed_date" date,
	"cqc_requirement" text,
	"key_question" text,
	"unit_id" uuid,
	"assurance_level" text,
	"assurance_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_actions_org_id_action_id_pk" PRIMARY KEY("org_id","action_id")
);
--> statement-breakpoint
ALTER TABLE "plan_actions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "plan_recommendations" (
	"org_id" uuid NOT NULL,
	"recommendation_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" text NOT NULL,
	"text" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_recommendations_org_id_recommendation_id_pk" PRIMARY KEY("org_id","recommendation_id")
);
--> statement-breakpoint
ALTER TABLE "plan_recommendations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "quality_visits" (
	"org_id" uuid NOT NULL,
	"visit_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"visit_date" date NOT NULL,
	"visit_type" text NOT NULL,
	"team" text NOT NULL,
	"plan_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_visits_org_id_visit_id_pk" PRIMARY KEY("org_id","visit_id")
);
--> statement-breakpoint
ALTER TABLE "quality_visits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "source_learning_points" (
	"org_id" uuid NOT NULL,
	"learning_point_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"source_description" text NOT NULL,
	"text" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "source_learning_points_org_id_learning_point_id_pk" PRIMARY KEY("org_id","learning_point_id")
);
--> statement-breakpoint
ALTER TABLE "source_learning_points" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "visit_findings" (
	"org_id" uuid NOT NULL,
	"finding_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"key_question" text NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "visit_findings_org_id_finding_id_pk" PRIMARY KEY("org_id","finding_id")
);
--> statement-breakpoint
ALTER TABLE "visit_findings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "you_said_we_did" (
	"org_id" uuid NOT NULL,
	"statement_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid,
	"you_said" text NOT NULL,
	"we_did" text NOT NULL,
	"source_record_id" uuid,
	"source_description" text,
	"assurance_level" text NOT NULL,
	"published_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "you_said_we_did_org_id_statement_id_pk" PRIMARY KEY("org_id","statement_id")
);
--> statement-breakpoint
ALTER TABLE "you_said_we_did" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "action_alerts" ADD CONSTRAINT "action_alerts_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_evidence" ADD CONSTRAINT "action_evidence_org_id_action_id_plan_actions_org_id_action_id_fk" FOREIGN KEY ("org_id","action_id") REFERENCES "public"."plan_actions"("org_id","action_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_evidence" ADD CONSTRAINT "action_evidence_org_id_added_by_users_org_id_user_id_fk" FOREIGN KEY ("org_id","added_by") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_org_id_unit_id_units_org_id_unit_id_fk" FOREIGN KEY ("org_id","unit_id") REFERENCES "public"."units"("org_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_org_id_source_record_id_feedback_records_org_id_record_id_fk" FOREIGN KEY ("org_id","source_record_id") REFERENCES "public"."feedback_records"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_org_id_created_by_users_org_id_user_id_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_measurements" ADD CONSTRAINT "audit_measurements_org_id_audit_id_clinical_audits_org_id_audit_id_fk" FOREIGN KEY ("org_id","audit_id") REFERENCES "public"."clinical_audits"("org_id","audit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_audits" ADD CONSTRAINT "clinical_audits_org_id_unit_id_units_org_id_unit_id_fk" FOREIGN KEY ("org_id","unit_id") REFERENCES "public"."units"("org_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_audits" ADD CONSTRAINT "clinical_audits_org_id_plan_id_action_plans_org_id_plan_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."action_plans"("org_id","plan_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_theme_points" ADD CONSTRAINT "learning_theme_points_org_id_theme_id_learning_themes_org_id_theme_id_fk" FOREIGN KEY ("org_id","theme_id") REFERENCES "public"."learning_themes"("org_id","theme_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_theme_points" ADD CONSTRAINT "learning_theme_points_org_id_case_learning_point_id_learning_points_org_id_learning_point_id_fk" FOREIGN KEY ("org_id","case_learning_point_id") REFERENCES "public"."learning_points"("org_id","learning_point_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_theme_points" ADD CONSTRAINT "learning_theme_points_org_id_source_learning_point_id_source_learning_points_org_id_learning_point_id_fk" FOREIGN KEY ("org_id","source_learning_point_id") REFERENCES "public"."source_learning_points"("org_id","learning_point_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_theme_responses" ADD CONSTRAINT "learning_theme_responses_org_id_theme_id_learning_themes_org_id_theme_id_fk" FOREIGN KEY ("org_id","theme_id") REFERENCES "public"."learning_themes"("org_id","theme_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_theme_responses" ADD CONSTRAINT "learning_theme_responses_org_id_unit_id_units_org_id_unit_id_fk" FOREIGN KEY ("org_id","unit_id") REFERENCES "public"."units"("org_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_themes" ADD CONSTRAINT "learning_themes_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_org_id_plan_id_action_plans_org_id_plan_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."action_plans"("org_id","plan_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_org_id_recommendation_id_plan_recommendations_org_id_recommendation_id_fk" FOREIGN KEY ("org_id","recommendation_id") REFERENCES "public"."plan_recommendations"("org_id","recommendation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_org_id_lead_user_id_users_org_id_user_id_fk" FOREIGN KEY ("org_id","lead_user_id") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_org_id_unit_id_units_org_id_unit_id_fk" FOREIGN KEY ("org_id","unit_id") REFERENCES "public"."units"("org_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_recommendations" ADD CONSTRAINT "plan_recommendations_org_id_plan_id_action_plans_org_id_plan_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."action_plans"("org_id","plan_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_visits" ADD CONSTRAINT "quality_visits_org_id_unit_id_units_org_id_unit_id_fk" FOREIGN KEY ("org_id","unit_id") REFERENCES "public"."units"("org_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_visits" ADD CONSTRAINT "quality_visits_org_id_plan_id_action_plans_org_id_plan_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."action_plans"("org_id","plan_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_visits" ADD CONSTRAINT "quality_visits_org_id_created_by_users_org_id_user_id_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_learning_points" ADD CONSTRAINT "source_learning_points_org_id_unit_id_units_org_id_unit_id_fk" FOREIGN KEY ("org_id","unit_id") REFERENCES "public"."units"("org_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_learning_points" ADD CONSTRAINT "source_learning_points_org_id_created_by_users_org_id_user_id_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_findings" ADD CONSTRAINT "visit_findings_org_id_visit_id_quality_visits_org_id_visit_id_fk" FOREIGN KEY ("org_id","visit_id") REFERENCES "public"."quality_visits"("org_id","visit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "you_said_we_did" ADD CONSTRAINT "you_said_we_did_org_id_unit_id_units_org_id_unit_id_fk" FOREIGN KEY ("org_id","unit_id") REFERENCES "public"."units"("org_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "you_said_we_did" ADD CONSTRAINT "you_said_we_did_org_id_source_record_id_feedback_records_org_id_record_id_fk" FOREIGN KEY ("org_id","source_record_id") REFERENCES "public"."feedback_records"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "you_said_we_did" ADD CONSTRAINT "you_said_we_did_org_id_created_by_users_org_id_user_id_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_evidence_action" ON "action_evidence" USING btree ("org_id","action_id");--> statement-breakpoint
CREATE UNIQUE INDEX "action_plans_name" ON "action_plans" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "clinical_audits_name" ON "clinical_audits" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_theme_points_case" ON "learning_theme_points" USING btree ("org_id","theme_id","case_learning_point_id");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_theme_points_source" ON "learning_theme_points" USING btree ("org_id","theme_id","source_learning_point_id");--> statement-breakpoint
CREATE INDEX "learning_themes_quarter" ON "learning_themes" USING btree ("org_id","quarter");--> statement-breakpoint
CREATE INDEX "plan_actions_plan" ON "plan_actions" USING btree ("org_id","plan_id","position");--> statement-breakpoint
CREATE INDEX "plan_actions_lead" ON "plan_actions" USING btree ("org_id","lead_user_id","status");--> statement-breakpoint
CREATE INDEX "plan_actions_due" ON "plan_actions" USING btree ("org_id","status","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_recommendations_number" ON "plan_recommendations" USING btree ("org_id","plan_id","number");--> statement-breakpoint
CREATE INDEX "source_learning_points_unit" ON "source_learning_points" USING btree ("org_id","unit_id");--> statement-breakpoint
CREATE INDEX "visit_findings_visit" ON "visit_findings" USING btree ("org_id","visit_id");--> statement-breakpoint
CREATE INDEX "you_said_we_did_published" ON "you_said_we_did" USING btree ("org_id","published_on");--> statement-breakpoint
CREATE POLICY "action_alerts_org_isolation" ON "action_alerts" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "action_evidence_org_isolation" ON "action_evidence" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "action_plans_org_isolation" ON "action_plans" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "audit_measurements_org_isolation" ON "audit_measurements" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "clinical_audits_org_isolation" ON "clinical_audits" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "learning_theme_points_org_isolation" ON "learning_theme_points" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "learning_theme_responses_org_isolation" ON "learning_theme_responses" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "learning_themes_org_isolation" ON "learning_themes" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "plan_actions_org_isolation" ON "plan_actions" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "plan_recommendations_org_isolation" ON "plan_recommendations" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "quality_visits_org_isolation" ON "quality_visits" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "source_learning_points_org_isolation" ON "source_learning_points" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "visit_findings_org_isolation" ON "visit_findings" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "you_said_we_did_org_isolation" ON "you_said_we_did" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);