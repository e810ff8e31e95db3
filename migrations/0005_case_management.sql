CREATE TABLE "case_alerts" (
	"org_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_alerts_org_id_record_id_kind_due_date_pk" PRIMARY KEY("org_id","record_id","kind","due_date")
);
--> statement-breakpoint
ALTER TABLE "case_alerts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "case_attachments" (
	"org_id" uuid NOT NULL,
	"attachment_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea",
	"uploaded_by" uuid,
	"uploaded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_attachments_org_id_attachment_id_pk" PRIMARY KEY("org_id","attachment_id")
);
--> statement-breakpoint
ALTER TABLE "case_attachments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "case_tasks" (
	"org_id" uuid NOT NULL,
	"task_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"description" text NOT NULL,
	"assigned_user_id" uuid,
	"due_date" date,
	"completed_date" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_tasks_org_id_task_id_pk" PRIMARY KEY("org_id","task_id")
);
--> statement-breakpoint
ALTER TABLE "case_tasks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "complaint_reopenings" (
	"org_id" uuid NOT NULL,
	"reopening_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"reopened_on" date NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaint_reopenings_org_id_reopening_id_pk" PRIMARY KEY("org_id","reopening_id")
);
--> statement-breakpoint
ALTER TABLE "complaint_reopenings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "letter_templates" (
	"org_id" uuid NOT NULL,
	"template_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"purpose" text NOT NULL,
	"body" text NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letter_templates_org_id_template_id_pk" PRIMARY KEY("org_id","template_id")
);
--> statement-breakpoint
ALTER TABLE "letter_templates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "response_letters" (
	"org_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"template_id" uuid,
	"body" text NOT NULL,
	"approved_by" text,
	"approved_date" date,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "response_letters_org_id_record_id_pk" PRIMARY KEY("org_id","record_id")
);
--> statement-breakpoint
ALTER TABLE "response_letters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "retention_reviews" (
	"org_id" uuid NOT NULL,
	"review_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"review_again_date" date,
	"decided_by" uuid,
	"decided_by_name" text NOT NULL,
	"decided_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_reviews_org_id_review_id_pk" PRIMARY KEY("org_id","review_id")
);
--> statement-breakpoint
ALTER TABLE "retention_reviews" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "saved_case_views" (
	"org_id" uuid NOT NULL,
	"view_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_case_views_org_id_view_id_pk" PRIMARY KEY("org_id","view_id")
);
--> statement-breakpoint
ALTER TABLE "saved_case_views" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "feedback_records" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback_records" ADD COLUMN "external_reference" text;--> statement-breakpoint
ALTER TABLE "feedback_records" ADD COLUMN "destroyed_date" date;--> statement-breakpoint
ALTER TABLE "feedback_records" ADD COLUMN "search_text" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, reference || ' ' || summary)) STORED;--> statement-breakpoint
ALTER TABLE "feedback_records" ADD COLUMN "search_personal_text" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(narrative, '') || ' ' || coalesce(desired_outcome, '') || ' ' || coalesce(person_name, '') || ' ' || coalesce(on_behalf_of_name, ''))) STORED;--> statement-breakpoint
ALTER TABLE "case_alerts" ADD CONSTRAINT "case_alerts_org_id_record_id_feedback_records_org_id_record_id_fk" FOREIGN KEY ("org_id","record_id") REFERENCES "public"."feedback_records"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_attachments" ADD CONSTRAINT "case_attachments_org_id_record_id_feedback_records_org_id_record_id_fk" FOREIGN KEY ("org_id","record_id") REFERENCES "public"."feedback_records"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_attachments" ADD CONSTRAINT "case_attachments_org_id_uploaded_by_users_org_id_user_id_fk" FOREIGN KEY ("org_id","uploaded_by") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_org_id_record_id_feedback_records_org_id_record_id_fk" FOREIGN KEY ("org_id","record_id") REFERENCES "public"."feedback_records"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_org_id_assigned_user_id_users_org_id_user_id_fk" FOREIGN KEY ("org_id","assigned_user_id") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_org_id_created_by_users_org_id_user_id_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_reopenings" ADD CONSTRAINT "complaint_reopenings_org_id_record_id_complaint_details_org_id_record_id_fk" FOREIGN KEY ("org_id","record_id") REFERENCES "public"."complaint_details"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_templates" ADD CONSTRAINT "letter_templates_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_templates" ADD CONSTRAINT "letter_templates_org_id_updated_by_users_org_id_user_id_fk" FOREIGN KEY ("org_id","updated_by") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_letters" ADD CONSTRAINT "response_letters_org_id_record_id_complaint_details_org_id_record_id_fk" FOREIGN KEY ("org_id","record_id") REFERENCES "public"."complaint_details"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_letters" ADD CONSTRAINT "response_letters_org_id_template_id_letter_templates_org_id_template_id_fk" FOREIGN KEY ("org_id","template_id") REFERENCES "public"."letter_templates"("org_id","template_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_letters" ADD CONSTRAINT "response_letters_org_id_updated_by_users_org_id_user_id_fk" FOREIGN KEY ("org_id","updated_by") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_reviews" ADD CONSTRAINT "retention_reviews_org_id_record_id_feedback_records_org_id_record_id_fk" FOREIGN KEY ("org_id","record_id") REFERENCES "public"."feedback_records"("org_id","record_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_reviews" ADD CONSTRAINT "retention_reviews_org_id_decided_by_users_org_id_user_id_fk" FOREIGN KEY ("org_id","decided_by") REFERENCES "public"."users"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_case_views" ADD CONSTRAINT "saved_case_views_org_id_user_id_users_org_id_user_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_attachments_record" ON "case_attachments" USING btree ("org_id","record_id");--> statement-breakpoint
CREATE INDEX "case_tasks_record" ON "case_tasks" USING btree ("org_id","record_id");--> statement-breakpoint
CREATE INDEX "case_tasks_assigned" ON "case_tasks" USING btree ("org_id","assigned_user_id","completed_date");--> statement-breakpoint
CREATE INDEX "complaint_reopenings_record" ON "complaint_reopenings" USING btree ("org_id","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "letter_templates_name" ON "letter_templates" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "retention_reviews_record" ON "retention_reviews" USING btree ("org_id","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_case_views_name" ON "saved_case_views" USING btree ("org_id","user_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_records_external_reference" ON "feedback_records" USING btree ("org_id","external_reference");--> statement-breakpoint
CREATE INDEX "feedback_records_search_text" ON "feedback_records" USING gin ("search_text");--> statement-breakpoint
CREATE INDEX "feedback_records_search_personal_text" ON "feedback_records" USING gin ("search_personal_text");--> statement-breakpoint
CREATE POLICY "case_alerts_org_isolation" ON "case_alerts" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "case_attachments_org_isolation" ON "case_attachments" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "case_tasks_org_isolation" ON "case_tasks" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "complaint_reopenings_org_isolation" ON "complaint_reopenings" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "letter_templates_org_isolation" ON "letter_templates" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "response_letters_org_isolation" ON "response_letters" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "retention_reviews_org_isolation" ON "retention_reviews" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "saved_case_views_org_isolation" ON "saved_case_views" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);