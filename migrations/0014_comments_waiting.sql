CREATE TABLE "comments_waiting" (
	"org_id" uuid NOT NULL,
	"waiting_id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "comments_waiting_waiting_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1000),
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"unit_id" uuid,
	"received_on" date NOT NULL,
	"question" text,
	"fft_score" integer,
	"text" text NOT NULL,
	CONSTRAINT "comments_waiting_org_id_waiting_id_pk" PRIMARY KEY("org_id","waiting_id")
);
--> statement-breakpoint
ALTER TABLE "comments_waiting" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "comments_waiting_org_isolation" ON "comments_waiting" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);