CREATE TABLE "case_notes" (
	"org_id" uuid NOT NULL,
	"note_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"author_user_id" uuid,
	"author_name" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_notes_org_id_note_id_pk" PRIMARY KEY("org_id","note_id")
);
--> statement-breakpoint
ALTER TABLE "case_notes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "complaint_details" (
	"org_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"acknowledgement_due_date" date NOT NULL,
	"acknowledged_date" date,
	"agreed_response_date" date NOT NULL,
	"response_sent_date" date,
	"signed_off_by" text,
	"investigator_user_id" uuid,
	"withdrawn_date" date,
	"withdrawal_reason" text,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"time_limit_waived" boolean,
	"time_limit_good_reason" boolean,
	"time_limit_fair_investigation_possible" boolean,
	"time_limit_reason" text,
	"time_limit_decided_by" text,
	"time_limit_decided_on" date,
	"litigation_ongoing" boolean DEFAULT false NOT NULL,
	"ombudsman_referred_date" date,
	"ombudsman_status" text,
	"ombudsman_outcome" text,
	"ombudsman_outcome_date" date,
	"escalated_from_record_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaint_details_org_id_record_id_pk" PRIMARY KEY("org_id","record_id")
);
--> statement-breakpoint
ALTER TABLE "complaint_details" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "complaint_issues" (
	"org_id" uuid NOT NULL,
	"issue_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"subject_code" text NOT NULL,
	"staff_group_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"unit_id" uuid NOT NULL,
	"description" text NOT NULL,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaint_issues_org_id_issue_id_pk" PRIMARY KEY("org_id","issue_id")
);
--> statement-breakpoint
ALTER TABLE "complaint_issues" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "feedback_records" (
	"org_id" uuid NOT NULL,
	"record_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"reference" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"received_date" date NOT NULL,
	"event_date" date,
	"notice_date" date,
	"summary" text NOT NULL,
	"narrative" text,
	"desired_outcome" text,
	"person_name" text,
	"contact_details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"on_behalf_of_name" text,
	"consent_recorded" boolean,
	"consent_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_date" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_records_org_id_record_id_pk" PRIMARY KEY("org_id","record_id")
);
--> statement-breakpoint
ALTER TABLE "feedback_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "learning_points" (
	"org_id" uuid NOT NULL,
	"learning_point_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"text" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learning_points_org_id_learning_point_id_pk" PRIMARY KEY("org_id","learning_point_id")
);
--> statement-breakpoint
ALTER TABLE "learning_points" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "local_resolution_meetings" (
	"org_id" uuid NOT NULL,
	"meeting_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"meeting_date" date NOT NULL,
	"attendees" text NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "local_resolution_meetings_org_id_meeting_id_pk" PRIMARY KEY("org_id","meeting_id")
);
--> statement-breakpoint
ALTER TABLE "local_resolution_meetings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "record_reference_counters" (
	"org_id" uuid NOT NULL,
	"prefix" text NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "record_reference_counters_org_id_prefix_year_pk" PRIMARY KEY("org_id","prefix","year")
);
--> statement-breakpoint
ALTER TABLE "record_reference_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "response_extensions" (
	"org_id" uuid NOT NULL,
	"extension_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"previous_response_date" date NOT NULL,
	"new_response_date" date NOT NULL,
	"reason" text NOT NULL,
	"agreed_with_complainant_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "response_extensions_org_id_extension_id_pk" PRIMARY KEY("org_id","extension_id")
);
--> statement-breakpoint
ALTER TABLE "response_extensions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_org_id_record_id_feedback_records_org_id_record_id_fk" FOREIGN KEY ("org_id","record_id") REFERENCES "public"."feedback_records"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_org_id_author_user_id_users_org_id_user_id_fk" FOREIGN KEY ("org_id","author_user_id") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_details" ADD CONSTRAINT "complaint_details_org_id_record_id_feedback_records_org_id_record_id_fk" FOREIGN KEY ("org_id","record_id") REFERENCES "public"."feedback_records"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_details" ADD CONSTRAINT "complaint_details_org_id_escalated_from_record_id_feedback_records_org_id_record_id_fk" FOREIGN KEY ("org_id","escalated_from_record_id") REFERENCES "public"."feedback_records"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_details" ADD CONSTRAINT "complaint_details_org_id_investigator_user_id_users_org_id_user_id_fk" FOREIGN KEY ("org_id","investigator_user_id") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_issues" ADD CONSTRAINT "complaint_issues_org_id_record_id_complaint_details_org_id_record_id_fk" FOREIGN KEY ("org_id","record_id") REFERENCES "public"."complaint_details"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_issues" ADD CONSTRAINT "complaint_issues_org_id_unit_id_units_org_id_unit_id_fk" FOREIGN KEY ("org_id","unit_id") REFERENCES "public"."units"("org_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_records" ADD CONSTRAINT "feedback_records_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_records" ADD CONSTRAINT "feedback_records_org_id_unit_id_units_org_id_unit_id_fk" FOREIGN KEY ("org_id","unit_id") REFERENCES "public"."units"("org_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_records" ADD CONSTRAINT "feedback_records_org_id_created_by_users_org_id_user_id_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_points" ADD CONSTRAINT "learning_points_org_id_record_id_feedback_records_org_id_record_id_fk" FOREIGN KEY ("org_id","record_id") REFERENCES "public"."feedback_records"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_points" ADD CONSTRAINT "learning_points_org_id_unit_id_units_org_id_unit_id_fk" FOREIGN KEY ("org_id","unit_id") REFERENCES "public"."units"("org_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_points" ADD CONSTRAINT "learning_points_org_id_created_by_users_org_id_user_id_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_resolution_meetings" ADD CONSTRAINT "local_resolution_meetings_org_id_record_id_complaint_details_org_id_record_id_fk" FOREIGN KEY ("org_id","record_id") REFERENCES "public"."complaint_details"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_reference_counters" ADD CONSTRAINT "record_reference_counters_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_extensions" ADD CONSTRAINT "response_extensions_org_id_record_id_complaint_details_org_id_record_id_fk" FOREIGN KEY ("org_id","record_id") REFERENCES "public"."complaint_details"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_notes_record" ON "case_notes" USING btree ("org_id","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_details_escalated_from" ON "complaint_details" USING btree ("org_id","escalated_from_record_id");--> statement-breakpoint
CREATE INDEX "complaint_details_investigator" ON "complaint_details" USING btree ("org_id","investigator_user_id");--> statement-breakpoint
CREATE INDEX "complaint_issues_record" ON "complaint_issues" USING btree ("org_id","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_records_reference" ON "feedback_records" USING btree ("org_id","reference");--> statement-breakpoint
CREATE INDEX "feedback_records_queue" ON "feedback_records" USING btree ("org_id","kind","status","received_date");--> statement-breakpoint
CREATE INDEX "feedback_records_unit" ON "feedback_records" USING btree ("org_id","unit_id");--> statement-breakpoint
CREATE INDEX "learning_points_record" ON "learning_points" USING btree ("org_id","record_id");--> statement-breakpoint
CREATE INDEX "local_resolution_meetings_record" ON "local_resolution_meetings" USING btree ("org_id","record_id");--> statement-breakpoint
CREATE INDEX "response_extensions_record" ON "response_extensions" USING btree ("org_id","record_id");--> statement-breakpoint
CREATE POLICY "case_notes_org_isolation" ON "case_notes" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "complaint_details_org_isolation" ON "complaint_details" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "complaint_issues_org_isolation" ON "complaint_issues" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "feedback_records_org_isolation" ON "feedback_records" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "learning_points_org_isolation" ON "learning_points" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "local_resolution_meetings_org_isolation" ON "local_resolution_meetings" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "record_reference_counters_org_isolation" ON "record_reference_counters" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "response_extensions_org_isolation" ON "response_extensions" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);