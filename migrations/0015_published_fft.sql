CREATE TABLE "fft_comparison_settings" (
	"org_id" uuid NOT NULL,
	"setting" text NOT NULL,
	"peer_codes" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fft_comparison_settings_org_id_pk" PRIMARY KEY("org_id")
);
--> statement-breakpoint
ALTER TABLE "fft_comparison_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "published_fft" (
	"org_id" uuid NOT NULL,
	"month" date NOT NULL,
	"setting" text NOT NULL,
	"provider_code" text NOT NULL,
	"provider_name" text NOT NULL,
	"responses" integer NOT NULL,
	"positive" integer NOT NULL,
	"negative" integer NOT NULL,
	"answer_1" integer,
	"answer_2" integer,
	"answer_3" integer,
	"answer_4" integer,
	"answer_5" integer,
	"answer_6" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "published_fft_org_id_setting_month_provider_code_pk" PRIMARY KEY("org_id","setting","month","provider_code")
);
--> statement-breakpoint
ALTER TABLE "published_fft" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "fft_comparison_settings" ADD CONSTRAINT "fft_comparison_settings_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_fft" ADD CONSTRAINT "published_fft_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "fft_comparison_settings_org_isolation" ON "fft_comparison_settings" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "published_fft_org_isolation" ON "published_fft" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);