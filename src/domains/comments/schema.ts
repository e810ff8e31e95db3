import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, orgId, orgIsolation, updatedAt } from '#src/db/columns.ts';
import { organisations, units } from '#src/domains/organisations/schema.ts';

/** Where a comment came from: every free text Heard receives is coded on arrival. */
export const commentSources = ['survey-answer', 'case-narrative', 'compliment', 'care-opinion'] as const;
export type CommentSource = (typeof commentSources)[number];

/**
 * One free-text comment with its coding. `themes` and `sentiment` are the coding in force (the
 * model's, as corrected by staff); `modelThemes` and `modelSentiment` keep what the model said, so
 * that agreement between staff and model can be counted. `text` is seen only by the case team;
 * everywhere else shows `redactedText`.
 */
export const comments = pgTable(
  'comments',
  {
    orgId: orgId(),
    commentId: uuid('comment_id').notNull().defaultRandom(),
    source: text('source', { enum: commentSources }).notNull(),
    /** The id of the survey answer, case, compliment or Care Opinion posting it came from. */
    sourceId: text('source_id').notNull(),
    unitId: uuid('unit_id'),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    question: text('question'),
    fftScore: integer('fft_score'),
    text: text('text').notNull(),
    redactedText: text('redacted_text').notNull(),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    /** Every theme's probability from the model, theme name → 0…1. */
    themeScores: jsonb('theme_scores').$type<Record<string, number>>().notNull().default({}),
    sentiment: integer('sentiment'),
    modelThemes: text('model_themes').array().notNull().default(sql`'{}'::text[]`),
    modelSentiment: integer('model_sentiment'),
    modelVersion: text('model_version').notNull(),
    containsPersonalData: boolean('contains_personal_data').notNull(),
    personalDataKinds: text('personal_data_kinds').array().notNull().default(sql`'{}'::text[]`),
    safeguardingFlag: boolean('safeguarding_flag').notNull(),
    safeguardingConcerns: text('safeguarding_concerns').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.commentId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    // The same answer or narrative arriving twice is one comment.
    uniqueIndex('comments_source').on(t.orgId, t.source, t.sourceId),
    // With the sentiment and themes, the themes of a period are counted from the index alone
    // (theme-counts.ts), never reading the comments' words.
    index('comments_received').on(t.orgId, t.receivedOn, t.sentiment, t.themes),
    index('comments_unit').on(t.orgId, t.unitId, t.receivedOn),
    // The explorer's full-text search runs over the redacted words (comments/explorer-queries.ts).
    index('comments_search').using('gin', sql`to_tsvector('english', ${t.redactedText})`),
    check('comments_sentiment', sql`${t.sentiment} between 1 and 5 and ${t.modelSentiment} between 1 and 5`),
    check('comments_fft_score', sql`${t.fftScore} between 1 and 6`),
    orgIsolation('comments'),
  ],
).enableRLS();

export const correctionKinds = ['add-theme', 'remove-theme', 'change-sentiment'] as const;
export type CorrectionKind = (typeof correctionKinds)[number];

/** A member of staff's change to a comment's coding: kept with who and when, used by the next training. */
export const commentCorrections = pgTable(
  'comment_corrections',
  {
    orgId: orgId(),
    correctionId: uuid('correction_id').notNull().defaultRandom(),
    commentId: uuid('comment_id').notNull(),
    kind: text('kind', { enum: correctionKinds }).notNull(),
    theme: text('theme'),
    sentimentBefore: integer('sentiment_before'),
    sentimentAfter: integer('sentiment_after'),
    correctedById: text('corrected_by_id'),
    correctedByName: text('corrected_by_name').notNull(),
    correctedAt: timestamp('corrected_at', { withTimezone: true, mode: 'date', precision: 3 })
      .notNull()
      .defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.correctionId] }),
    foreignKey({ columns: [t.orgId, t.commentId], foreignColumns: [comments.orgId, comments.commentId] }),
    index('comment_corrections_comment').on(t.orgId, t.commentId, t.correctedAt),
    check(
      'comment_corrections_detail',
      sql`(${t.kind} = 'change-sentiment' and ${t.sentimentAfter} between 1 and 5) or (${t.kind} <> 'change-sentiment' and ${t.theme} is not null)`,
    ),
    orgIsolation('comment_corrections'),
  ],
).enableRLS();

/**
 * Free text that has arrived in bulk (a survey import) and waits to be coded: the import stores the
 * words here in its own transaction, at COPY's speed, and the coding job (`heard serve` every minute,
 * `heard themes code`, or the import command when it finishes) codes them a batch at a time into
 * `comments`, deleting each row in the same transaction. Nothing waiting is lost; nothing is coded twice.
 */
export const waitingComments = pgTable(
  'comments_waiting',
  {
    orgId: orgId(),
    /** Arrival order: rising, so the queue's key is appended to, never split. */
    waitingId: bigint('waiting_id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity({ cache: 1000 }),
    source: text('source', { enum: commentSources }).notNull(),
    sourceId: text('source_id').notNull(),
    unitId: uuid('unit_id'),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    question: text('question'),
    fftScore: integer('fft_score'),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.waitingId] }), orgIsolation('comments_waiting')],
).enableRLS();
