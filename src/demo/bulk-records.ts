import { sql } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import {
  type Channel,
  type ContactDetails,
  recordReference,
  referencePrefixes,
} from '#src/domains/cases/index.ts';
import { feedbackRecords, recordReferenceCounters } from '#src/domains/cases/schema.ts';
import { codeArrivingComments } from '#src/domains/comments/index.ts';
import type { Actor } from '#src/web/principal.ts';

// The demo's simplest records, which nothing happens to once logged: some 3,400 compliments and
// 600 enquiries, comments and MP enquiries over two years, each its own record so that every count
// comes from records. Logged one by one through the cases service they took over half of the
// embedded database's first start, so the demo writes each month's records of a kind in one
// statement, with one audit event naming every record written (as issue 4 allows for compliments
// logged in bulk). Complaints and concerns, whose handling the rules govern, go through the service.

export type BulkKind = 'compliment' | 'enquiry' | 'comment' | 'mp-enquiry';

export interface BulkRecord {
  unitId: string;
  receivedDate: IsoDate;
  channel: Channel;
  summary: string;
  /** CONFIDENTIAL, as the columns they go to: the person's words, name and contact details. */
  narrative: string | null;
  personName: string | null;
  contactDetails: ContactDetails;
}

/** Writes records of one kind received in one calendar year, numbered in order of receipt, with one audit event. */
export async function logRecordsInBulk(
  db: Database,
  orgId: string,
  actor: Actor,
  kind: BulkKind,
  records: readonly BulkRecord[],
) {
  const inOrder = [...records].sort((a, b) => a.receivedDate.localeCompare(b.receivedDate));
  const [first] = inOrder;
  if (!first) return [];
  const year = Number(first.receivedDate.slice(0, 4));
  if (inOrder.some((record) => !record.receivedDate.startsWith(String(year)))) {
    throw new Error('Records logged together must be from one year: references are numbered by year');
  }
  const count = inOrder.length;
  const prefix = referencePrefixes[kind];
  return withOrg(db, orgId, async (tx) => {
    const [counter] = await tx
      .insert(recordReferenceCounters)
      .values({ orgId, prefix, year, lastNumber: count })
      .onConflictDoUpdate({
        target: [recordReferenceCounters.orgId, recordReferenceCounters.prefix, recordReferenceCounters.year],
        set: { lastNumber: sql`${recordReferenceCounters.lastNumber} + ${count}` },
      })
      .returning({ lastNumber: recordReferenceCounters.lastNumber });
    const firstNumber = (counter?.lastNumber ?? count) - count + 1;
    const inserted = await tx
      .insert(feedbackRecords)
      .values(
        inOrder.map((record, index) => ({
          orgId,
          kind,
          reference: recordReference(kind, year, firstNumber + index),
          ...record,
          createdBy: actor.kind === 'user' ? actor.id : null,
        })),
      )
      .returning({
        recordId: feedbackRecords.recordId,
        reference: feedbackRecords.reference,
        unitId: feedbackRecords.unitId,
        receivedDate: feedbackRecords.receivedDate,
        narrative: feedbackRecords.narrative,
      });
    const written = inserted.map(({ narrative: _words, ...identity }) => identity);
    // Compliments' and comments' words are coded as they would be on arrival, in this transaction.
    if (kind === 'compliment' || kind === 'comment') {
      await codeArrivingComments(
        tx,
        orgId,
        actor,
        inserted.flatMap((record) =>
          record.narrative
            ? [
                {
                  source: kind === 'compliment' ? ('compliment' as const) : ('case-narrative' as const),
                  sourceId: record.recordId,
                  unitId: record.unitId,
                  receivedOn: record.receivedDate,
                  text: record.narrative,
                },
              ]
            : [],
        ),
      );
    }
    // Only what identifies each record goes in the append-only trail: never the people's words or names.
    await recordAudit(tx, orgId, actor, {
      action: 'case.logged-in-bulk',
      entityType: 'case',
      after: { kind, records: written },
    });
    return written;
  });
}
