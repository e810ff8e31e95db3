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
ALTER TABLE "survey_responses" ADD COLUMN "fft_question" text;--> statement-breakpoint
CREATE POLICY "comments_waiting_org_isolation" ON "comments_waiting" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);--> statement-breakpoint
-- The FFT answer was stored twice: on the response and as a row of survey_answers. Each response
-- now names its FFT question, found as the answers' checks found it (the first FFT question of
-- the version, in order, answered with the response's FFT answer), and that row goes.
UPDATE "survey_responses" r SET "fft_question" = (
  SELECT a."question_code"
  FROM "survey_answers" a
  JOIN "survey_versions" v ON v."org_id" = r."org_id" AND v."survey_id" = r."survey_id" AND v."version" = r."version"
  CROSS JOIN LATERAL jsonb_array_elements(v."definition" -> 'questions') WITH ORDINALITY AS q(question, position)
  WHERE a."org_id" = r."org_id" AND a."response_id" = r."response_id" AND a."ordinal" = 0
    AND a."option_code" = r."fft_answer" AND q.question ->> 'code' = a."question_code"
    AND q.question ->> 'kind' = r."fft_scale"
  ORDER BY q.position
  LIMIT 1
) WHERE r."fft_answer" IS NOT NULL;
--> statement-breakpoint
DELETE FROM "survey_answers" a USING "survey_responses" r
WHERE a."org_id" = r."org_id" AND a."response_id" = r."response_id"
  AND a."question_code" = r."fft_question";
