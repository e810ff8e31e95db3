DROP INDEX "comments_received";--> statement-breakpoint
CREATE INDEX "complaint_details_agreed_response" ON "complaint_details" USING btree ("org_id","agreed_response_date");--> statement-breakpoint
CREATE INDEX "feedback_records_received" ON "feedback_records" USING btree ("org_id","received_date","kind","unit_id");--> statement-breakpoint
CREATE INDEX "feedback_records_closed" ON "feedback_records" USING btree ("org_id","kind","closed_date");--> statement-breakpoint
CREATE INDEX "survey_responses_unit_period" ON "survey_responses" USING btree ("org_id","survey_id","unit_id","response_date");--> statement-breakpoint
CREATE INDEX "comments_received" ON "comments" USING btree ("org_id","received_on","sentiment","themes");