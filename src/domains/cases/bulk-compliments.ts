import { z } from 'zod';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { type IsoDate, isIsoDate, isoDateInLondon } from '#src/domains/calendar/index.ts';
import type { Actor } from '#src/web/principal.ts';
import { withoutPersonalData } from './access.ts';
import { insertRecords, reserveReferenceNumbers } from './bulk-compliment-queries.ts';
import { type CommentConfig, codeNarratives } from './comment-arrivals.ts';
import { parsedOrInvalid, refuseProblems } from './inputs.ts';
import * as q from './queries.ts';
import { recordReference, referencePrefixes } from './references.ts';
import { loggedChannels } from './staff-forms.ts';

// Compliments logged in bulk by a team (issue 4, staff side): a ward's pile of thank-you cards, or
// a list of compliments copied from a book. Each becomes its own compliment record, so that every
// count in returns and reports comes from records, never from a number typed in beside them. All
// are written in one transaction, each with its own "case.logged" audit event as logRecord writes
// one, so that every record's trail begins with how it came to be.

/** The most written at once: enough for a quarter's cards from a busy ward, small enough for one page. */
export const bulkComplimentLimit = 500;

/** How long a summary may be; longer words are cut at a space and kept whole in the narrative. */
export const summaryLength = 120;

const tooMany = `You can log up to ${bulkComplimentLimit} compliments at a time: split them into smaller batches`;

const bulkComplimentsSchema = z
  .object({
    unitId: z.uuid({ error: 'Select the service the compliments are about' }),
    receivedDate: z
      .string({ error: 'Enter the date they were received, like 2017-07-03' })
      .trim()
      .refine(isIsoDate, 'Enter the date they were received, like 2017-07-03'),
    channel: z.enum(loggedChannels, { error: 'Select how they reached us' }),
    /** How many compliments came with no words to record, such as thank-you cards. */
    count: z
      .number({ error: 'Enter how many compliments there were as a whole number, like 12' })
      .int('Enter how many compliments there were as a whole number, like 12')
      .min(1, 'Enter how many compliments there were, 1 or more')
      .max(bulkComplimentLimit, tooMany)
      .nullish(),
    /** What those counted were, such as "Thank-you card"; it becomes each one's summary. */
    description: z
      .string()
      .trim()
      .nullish()
      .transform((value) => value || null),
    /** Each compliment's words, one compliment each. */
    compliments: z
      .array(z.string().trim())
      .transform((lines) => lines.filter((line) => line !== ''))
      .pipe(z.array(z.string()).max(bulkComplimentLimit, tooMany))
      .default([]),
  })
  .superRefine((input, context) => {
    const counted = input.count !== null && input.count !== undefined;
    if (counted && input.compliments.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['count'],
        message: 'Enter either how many compliments there were or their words, not both',
      });
    } else if (!counted && input.compliments.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['count'],
        message: 'Enter how many compliments there were, or their words one to a line',
      });
    }
  });
export type BulkCompliments = z.input<typeof bulkComplimentsSchema>;

/** A compliment's words as a summary for work queues: whole if short, else cut at a space with an ellipsis. */
export function complimentSummary(words: string, length = summaryLength): string {
  const flat = words.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

export interface BulkComplimentsDependencies {
  db: Database;
  /** The safeguarding contact for coding the compliments' words on arrival. */
  config?: CommentConfig;
  clock?: () => Date;
}

export function bulkComplimentsService({
  db,
  config = {},
  clock = () => new Date(),
}: BulkComplimentsDependencies) {
  const today = (): IsoDate => isoDateInLondon(clock());

  /** Logs each compliment as its own record, all or none; returns them in the order given. */
  async function logComplimentsInBulk(orgId: string, actor: Actor, input: BulkCompliments) {
    const parsed = parsedOrInvalid(bulkComplimentsSchema, input);
    refuseProblems({
      receivedDate: parsed.receivedDate > today() ? 'The date received must be today or in the past' : null,
    });
    const summaries: { summary: string; narrative: string | null }[] =
      parsed.compliments.length > 0
        ? parsed.compliments.map((words) => ({ summary: complimentSummary(words), narrative: words }))
        : Array.from({ length: parsed.count ?? 0 }, () => ({
            summary: parsed.description ?? 'Compliment, no words recorded',
            narrative: null,
          }));
    return withOrg(db, orgId, async (tx) => {
      if (!(await q.unitExists(tx, orgId, parsed.unitId))) {
        refuseProblems({ unitId: 'Select a service from your organisation’s list' });
      }
      const year = Number(parsed.receivedDate.slice(0, 4));
      const first = await reserveReferenceNumbers(
        tx,
        orgId,
        referencePrefixes.compliment,
        year,
        summaries.length,
      );
      const records = await insertRecords(
        tx,
        summaries.map(({ summary, narrative }, index) => ({
          orgId,
          kind: 'compliment' as const,
          channel: parsed.channel,
          reference: recordReference('compliment', year, first + index),
          unitId: parsed.unitId,
          receivedDate: parsed.receivedDate,
          summary,
          narrative,
          createdBy: actor.kind === 'user' ? actor.id : null,
        })),
      );
      for (const record of records) {
        // The summary here is the person's own words, so it stays out of the trail with the narrative.
        const { summary: _words, ...kept } = withoutPersonalData(record);
        await recordAudit(tx, orgId, actor, {
          action: 'case.logged',
          entityType: 'case',
          entityId: record.recordId,
          after: { record: kept, details: null, loggedInBulkWith: records.length },
        });
      }
      await codeNarratives(tx, orgId, actor, records, config);
      return records;
    });
  }

  return { logComplimentsInBulk };
}

export type BulkComplimentsService = ReturnType<typeof bulkComplimentsService>;
