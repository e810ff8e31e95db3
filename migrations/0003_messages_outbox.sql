CREATE TABLE "outbox_messages" (
	"org_id" uuid NOT NULL,
	"message_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"template_id" uuid NOT NULL,
	"recipient" text,
	"personalisation" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reference" text NOT NULL,
	"purpose" text NOT NULL,
	"related_entity_type" text,
	"related_entity_id" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp (3) with time zone,
	"last_error" text,
	"notify_notification_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_messages_org_id_message_id_pk" PRIMARY KEY("org_id","message_id"),
	CONSTRAINT "outbox_messages_recipient" CHECK ("outbox_messages"."channel" = 'letter' or "outbox_messages"."recipient" is not null)
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_messages_due" ON "outbox_messages" USING btree ("status","next_attempt_at") WHERE "outbox_messages"."status" in ('queued', 'sending', 'sent');--> statement-breakpoint
CREATE INDEX "outbox_messages_last_attempt" ON "outbox_messages" USING btree ("last_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_notify_id" ON "outbox_messages" USING btree ("notify_notification_id");--> statement-breakpoint
CREATE INDEX "outbox_messages_reference" ON "outbox_messages" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "outbox_messages_related" ON "outbox_messages" USING btree ("org_id","related_entity_type","related_entity_id");--> statement-breakpoint
CREATE POLICY "outbox_messages_org_isolation" ON "outbox_messages" AS PERMISSIVE FOR ALL TO "heard_app" USING (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('heard.org_id', true), ''))::uuid);