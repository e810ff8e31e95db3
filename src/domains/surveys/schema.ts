import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { createdAt, orgId, orgIsolation } from '#src/db/columns.ts';
import { organisations, units } from '#src/domains/organisations/schema.ts';
import {
  fftKinds,
  type ResponseMode,
  responseModes,
  type SurveyDefinition,
  surveyPurposes,
  surveyVariants,
} from './definition.ts';

// The tables of the surveys domain (DESIGN.md §2 "Survey"): surveys, their versions, responses and
// their answers, and the number of people each unit could have asked (for response rates).
// Responses hold no names or contact details: only answers, the unit, the date and how it came.

const day = (name: string) => date(name, { mode: 'string' });

/** A survey an organisation runs: the FFT, the quality questions, the children's or staff survey. */
export const surveys = pgTable(
  'surveys',
  {
    orgId: orgId(),
    surveyId: uuid('survey_id').notNull().defaultRandom(),
    /** In the public address: /surveys/RTQ/fft/WARD1. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    purpose: text('purpose', { enum: surveyPurposes }).notNull(),
    /** How often it is asked: 'continuous', or 'quarterly' for the staff survey. */
    frequency: text('frequency').notNull().default('continuous'),
    variants: text('variants', { enum: surveyVariants }).array().notNull(),
    /** The response rate the trust aims for, as a percentage of eligible people (e.g. 3 in mental health). */
    responseRateTarget: integer('response_rate_target'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.surveyId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    uniqueIndex('surveys_code').on(t.orgId, t.code),
    orgIsolation('surveys'),
  ],
).enableRLS();

/** One version of a survey's questions. A published version never changes: editing makes the next. */
export const surveyVersions = pgTable(
  'survey_versions',
  {
    orgId: orgId(),
    surveyId: uuid('survey_id').notNull(),
    version: integer('version').notNull(),
    published: boolean('published').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    definition: jsonb('definition').$type<SurveyDefinition>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.surveyId, t.version] }),
    foreignKey({ columns: [t.orgId, t.surveyId], foreignColumns: [surveys.orgId, surveys.surveyId] }),
    orgIsolation('survey_versions'),
  ],
).enableRLS();

/** One person's answers to one survey version, at one unit, on one day, by one mode. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    orgId: orgId(),
    responseId: uuid('response_id').notNull().defaultRandom(),
    surveyId: uuid('survey_id').notNull(),
    version: integer('version').notNull(),
    unitId: uuid('unit_id').notNull(),
    variant: text('variant', { enum: surveyVariants }).notNull(),
    /** The language it was answered in: 'en', 'cy'. */
    language: text('language').notNull().default('en'),
    mode: text('mode', { enum: responseModes }).$type<ResponseMode>().notNull(),
    responseDate: day('response_date').notNull(),
    /**
     * Made by whoever sent it (the browser, the kiosk's queue, a vendor's file) and unique in the
     * organisation, so that a submission sent twice is stored once.
     */
    submissionId: text('submission_id').notNull(),
    /**
     * The FFT question's code, scale and answer, kept here and not as a row of survey_answers, so
     * that scoring reads one table and an import writes one row fewer a response.
     */
    fftQuestion: text('fft_question'),
    fftScale: text('fft_scale', { enum: fftKinds }),
    fftAnswer: text('fft_answer'),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.responseId] }),
    // No key to organisations of its own: the unit's key below starts with org_id, and the unit's
    // row already names an organisation that exists. A check fewer for every row an import writes.
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    foreignKey({
      columns: [t.orgId, t.surveyId, t.version],
      foreignColumns: [surveyVersions.orgId, surveyVersions.surveyId, surveyVersions.version],
    }),
    uniqueIndex('survey_responses_submission').on(t.orgId, t.submissionId),
    index('survey_responses_period').on(t.orgId, t.surveyId, t.responseDate),
    // A team's responses by month (unit-results.ts, the team dashboard).
    index('survey_responses_unit_period').on(t.orgId, t.surveyId, t.unitId, t.responseDate),
    orgIsolation('survey_responses'),
  ],
).enableRLS();

/**
 * An answer to one question: an option's code, or free text. A multiple-choice answer has one row
 * per option chosen (ordinal 0, 1, …).
 */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    orgId: orgId(),
    responseId: uuid('response_id').notNull(),
    questionCode: text('question_code').notNull(),
    ordinal: integer('ordinal').notNull().default(0),
    optionCode: text('option_code'),
    /** The person's own words: the comments domain takes these to code their themes. */
    freeText: text('free_text'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.responseId, t.questionCode, t.ordinal] }),
    foreignKey({
      columns: [t.orgId, t.responseId],
      foreignColumns: [surveyResponses.orgId, surveyResponses.responseId],
    }).onDelete('cascade'),
    index('survey_answers_free_text').on(t.orgId, t.responseId).where(sql`free_text is not null`),
    orgIsolation('survey_answers'),
  ],
).enableRLS();

/** How many people a unit could have asked in a month: the response rate's denominator. */
export const surveyEligibleCounts = pgTable(
  'survey_eligible_counts',
  {
    orgId: orgId(),
    surveyId: uuid('survey_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** The month's first day. */
    month: day('month').notNull(),
    eligible: integer('eligible').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.surveyId, t.unitId, t.month] }),
    foreignKey({ columns: [t.orgId, t.surveyId], foreignColumns: [surveys.orgId, surveys.surveyId] }),
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    orgIsolation('survey_eligible_counts'),
  ],
).enableRLS();

export const invitationChannels = ['sms', 'email'] as const;
export type InvitationChannel = (typeof invitationChannels)[number];

/**
 * An invitation to answer a survey, sent by text message or email through the outbox. Holds no
 * phone number or address: only a keyed hash of it, so that one contact is invited once a month
 * and an opt-out is honoured. Its link's token is kept as a hash too; the link can be answered once.
 */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    orgId: orgId(),
    invitationId: uuid('invitation_id').notNull().defaultRandom(),
    surveyId: uuid('survey_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    channel: text('channel', { enum: invitationChannels }).notNull(),
    contactHash: text('contact_hash').notNull(),
    /** The month the contact with the service was in, YYYY-MM: one invitation per contact per month. */
    period: text('period').notNull(),
    tokenHash: text('token_hash').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.invitationId] }),
    foreignKey({ columns: [t.orgId, t.surveyId], foreignColumns: [surveys.orgId, surveys.surveyId] }),
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    uniqueIndex('survey_invitations_once_a_period').on(t.orgId, t.surveyId, t.contactHash, t.period),
    uniqueIndex('survey_invitations_token').on(t.orgId, t.tokenHash),
    orgIsolation('survey_invitations'),
  ],
).enableRLS();

/** People who asked not to be invited to surveys again, by the keyed hash of their number or address. */
export const surveyOptOuts = pgTable(
  'survey_opt_outs',
  {
    orgId: orgId(),
    contactHash: text('contact_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.contactHash] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    orgIsolation('survey_opt_outs'),
  ],
).enableRLS();

/**
 * A column mapping kept for the next file from the same source (a survey vendor's monthly export, a
 * paper form's spreadsheet): which column of the file each field is read from, as `--mapping`
 * takes it. Chosen by name on the import page.
 */
export const surveyImportMappings = pgTable(
  'survey_import_mappings',
  {
    orgId: orgId(),
    name: text('name').notNull(),
    /** Field (submission_id, unit_code…, or a question code) → the column heading it is read from. */
    columns: jsonb('columns').$type<Record<string, string>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.name] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    orgIsolation('survey_import_mappings'),
  ],
).enableRLS();
