ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_org_id_organisations_org_id_fk";
