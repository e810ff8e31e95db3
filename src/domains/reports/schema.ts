import { desc } from 'drizzle-orm';
import { foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, orgIsolation } from '#src/db/columns.ts';
import { organisations } from '#src/domains/organisations/schema.ts';
import { assuranceLevels } from './assurance.ts';

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
