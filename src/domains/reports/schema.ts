import { desc } from 'drizzle-orm';
import {
  date,
  doublePrecision,
  foreignKey,
  index,
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
