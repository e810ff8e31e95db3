import { sql } from 'drizzle-orm';
import { date, foreignKey, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, orgIsolation, updatedAt } from '#src/db/columns.ts';

/** A tenant: an NHS trust or an integrated care board, known by its ODS code. */
export const organisations = pgTable(
  'organisations',
  {
    orgId: orgId().primaryKey(),
    odsCode: text('ods_code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['trust', 'icb'] })
      .notNull()
      .default('trust'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('organisations_ods_code').on(sql`upper(${t.odsCode})`), orgIsolation('organisations')],
).enableRLS();

export const unitKinds = ['division', 'locality', 'directorate', 'service', 'team', 'ward', 'site'] as const;
export type UnitKind = (typeof unitKinds)[number];

/** The organisation's structure: every record in Heard hangs off a unit. */
export const units = pgTable(
  'units',
  {
    orgId: orgId(),
    unitId: uuid('unit_id').notNull().defaultRandom(),
    parentUnitId: uuid('parent_unit_id'),
    kind: text('kind', { enum: unitKinds }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    activeFrom: date('active_from', { mode: 'string' }).notNull(),
    activeTo: date('active_to', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.unitId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    foreignKey({ columns: [t.orgId, t.parentUnitId], foreignColumns: [t.orgId, t.unitId] }),
    uniqueIndex('units_code').on(t.orgId, sql`upper(${t.code})`),
    orgIsolation('units'),
  ],
).enableRLS();
