CREATE TABLE "comment_corrections" (
	"org_id" uuid NOT NULL,
	"correction_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"comment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"theme" text,
	"sentiment_before" integer,
	"sentiment_after" integer,
	"corrected_by_id" text,
	"corrected_by_name" text NOT NULL,
	"corrected_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comment_corrections_org_id_correction_id_pk" PRIMARY KEY("org_id","correction_id"),
	CONSTRAINT "comment_corrections_detail" CHECK (("comment_corrections"."kind" = 'change-sentiment' and "comment_corrections"."sentiment_after" between 1 and 5) or ("comment_corrections"."kind" <> 'change-sentiment' and "comment_corrections"."theme" is not null))
);
--> statement-breakpoint
ALTER TABLE "comment_corrections" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "comments" (
	"org_id" uuid NOT NULL,
	"comment_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"unit_id" uuid,
	"received_on" date NOT NULL,
	"question" text,
	"fft_score" integer,
	"text" text NOT NULL,
	"redacted_text" text NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"theme_scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sentiment" integer,
	"model_themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"model_sentiment" integer,
	"model_version" text NOT NULL,
	"contains_personal_data" boolean NOT NULL,
	"personal_data_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"safeguarding_flag" boolean NOT NULL,
	"safeguarding_concerns" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comments_org_id_comment_id_pk" PRIMARY KEY("org_id","comment_id"),
	CONSTRAINT "comments_sentiment" CHECK ("comments"."sentiment" between 1 and 5 and "comments"."model_sentiment" between 1 and 5),
	CONSTRAINT "comments_fft_score" CHECK ("comments"."fft_score" between 1 and 6)
);
--> statement-breakpoint
ALTER TABLE "comments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "comment_corrections" ADD CONSTRAINT "comment_corrections_org_id_comment_id_comments_org_id_comment_id_fk" FOREIGN KEY ("org_id","comment_id") REFERENCES "public"."comments"("org_id","comment_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_org_id_unit_id_units_org_id_unit_id_fk" FOREIGN KEY ("org_id","unit_id") REFERENCES "public"."units"("org_id","unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comment_corrections_comment" ON "comment_corrections" USING btree ("org_id","comment_id","corrected_at");--> statement-breakpoint
CREATE UNIQUE INDEX "comments_source" ON "comments" USING btree ("org_id","source","source_id");--> statement-breakpoint
CREATE INDEX "comments_received" ON "comments" USING btree ("org_id","received_on");--> statement-breakpoint
CREATE INDEX "comments_unit" ON "comments" USING btree ("org_id","unit_id","received_on");--> statement-breakpoint
CREATE POLICY "comment_corrections_org_isolation" ON "comment_corrections" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "comments_org_isolation" ON "comments" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);