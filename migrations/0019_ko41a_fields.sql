ALTER TABLE "complaint_details" ADD COLUMN "patient_age_band_code" text;--> statement-breakpoint
ALTER TABLE "complaint_details" ADD COLUMN "complainant_status_code" text;--> statement-breakpoint
ALTER TABLE "complaint_issues" ADD COLUMN "service_area_code" text;--> statement-breakpoint
ALTER TABLE "complaint_issues" ADD COLUMN "clinical_treatment_code" text;