import { desc } from 'drizzle-orm';
import {
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, orgId, orgIsolation, updatedAt } from '#src/db/columns.ts';
import { organisations } from '#src/domains/organisations/schema.ts';
import { assuranceLevels } from './assurance.ts';
import { measureSources, measureUnits } from './measures.ts';

/**
 * An officer's assurance level for one measure of one period's report, replacing the level the
 * rules propose, with the reason (DESIGN.md §2: a judgement recorded with its reason). Kept as a
 * history: the latest for a period and measure stands, earlier ones stay as they were decided.
 */
export const assuranceOverrides = pgTable(
  'assurance_overrides',
  {
    orgId: orgId(),
    overrideId: uuid('override_id').notNull().defaultRandom(),
    /** The report's period, such as '2017/18-Q2'. */
    periodCode: text('period_code').notNull(),
    /** The measure, and for a locality's row its name: 'complaints-received' or 'complaints-received:Northshire'. */
    measureKey: text('measure_key').notNull(),
    level: text('level', { enum: assuranceLevels }).notNull(),
    reason: text('reason').notNull(),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.overrideId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    index('assurance_overrides_period').on(t.orgId, t.periodCode, t.measureKey, desc(t.createdAt)),
    orgIsolation('assurance_overrides'),
  ],
).enableRLS();

/**
 * A measure of the register (the delivery plan's "How we will measure our impact"): what is
 * measured, its target, which way is better, by when, and who owns it.
 */
export const measures = pgTable(
  'measures',
  {
    orgId: orgId(),
    measureId: uuid('measure_id').notNull().defaultRandom(),
    name: text('name').notNull(),
    /** Computed from records (which measure) or entered each quarter. */
    source: text('source', { enum: measureSources }).notNull(),
    unit: text('unit', { enum: measureUnits }).notNull(),
    improvement: text('improvement', { enum: ['up', 'down'] }).notNull(),
    target: doublePrecision('target').notNull(),
    deadline: date('deadline', { mode: 'string' }),
    owner: text('owner').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.measureId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    uniqueIndex('measures_name').on(t.orgId, t.name),
    orgIsolation('measures'),
  ],
).enableRLS();

/** A quarter's value of an entered measure, as the officer entered it (the latest entry stands). */
export const measureValues = pgTable(
  'measure_values',
  {
    orgId: orgId(),
    measureId: uuid('measure_id').notNull(),
    /** The quarter, such as '2019/20-Q1'. */
    periodCode: text('period_code').notNull(),
    value: doublePrecision('value').notNull(),
    enteredBy: uuid('entered_by'),
    enteredByName: text('entered_by_name').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.measureId, t.periodCode] }),
    foreignKey({ columns: [t.orgId, t.measureId], foreignColumns: [measures.orgId, measures.measureId] }),
    orgIsolation('measure_values'),
  ],
).enableRLS();

/**
 * NHS England's published Friends and Family Test figures for one provider (or England, provider
 * code `ENG`) in one month and care setting, as imported from its monthly publication by
 * `heard import fft-published` (docs/import-layouts.md). National reference data, but kept per
 * organisation like every other table: each trust imports the files it downloaded, under
 * row-level security and with its own audit trail, and a re-import replaces the same rows.
 * `positive` and `negative` are counts (the published percentages times the responses when the
 * file gives no counts); the six answers are the question's, best first, when the file gives them.
 */
export const publishedFft = pgTable(
  'published_fft',
  {
    orgId: orgId(),
    /** The month's first day. */
    month: date('month', { mode: 'string' }).notNull(),
    /** The care setting of the publication: mental-health, community, inpatient, … */
    setting: text('setting').notNull(),
    providerCode: text('provider_code').notNull(),
    providerName: text('provider_name').notNull(),
    responses: integer('responses').notNull(),
    positive: integer('positive').notNull(),
    negative: integer('negative').notNull(),
    /** Extremely likely / very good … don't know, when the file gives them. */
    answer1: integer('answer_1'),
    answer2: integer('answer_2'),
    answer3: integer('answer_3'),
    answer4: integer('answer_4'),
    answer5: integer('answer_5'),
    answer6: integer('answer_6'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.setting, t.month, t.providerCode] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    orgIsolation('published_fft'),
  ],
).enableRLS();

/** Whom the report compares the organisation's FFT with: its care setting and its peer trusts' ODS codes. */
export const fftComparisonSettings = pgTable(
  'fft_comparison_settings',
  {
    orgId: orgId(),
    setting: text('setting').notNull(),
    peerCodes: text('peer_codes').array().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    orgIsolation('fft_comparison_settings'),
  ],
).enableRLS();
