ALTER TABLE "plan_actions" ADD COLUMN "reopened_on" date;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD COLUMN "reopen_reason" text;--> statement-breakpoint
ALTER TABLE "you_said_we_did" ADD COLUMN "withdrawn_on" date;--> statement-breakpoint
ALTER TABLE "you_said_we_did" ADD COLUMN "withdrawn_reason" text;