import { and, desc, eq, isNull, lte } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { feedbackRecords } from '#src/domains/cases/schema.ts';
import { units } from '#src/domains/organisations/schema.ts';
import { youSaidWeDid } from './schema.ts';

// "You said – We did" statements. The public columns are picked by name, so that a statement's
// source (the feedback that prompted it) and who wrote it never reach a public page or feed.

export async function insertStatement(tx: OrgTransaction, statement: typeof youSaidWeDid.$inferInsert) {
  const [row] = await tx.insert(youSaidWeDid).values(statement).returning();
  if (!row) throw new Error('statement was not written');
  return row;
}

/** The record a statement answers, found by its reference (C-2017-00042), for linking only. */
export async function recordIdByReference(tx: OrgTransaction, orgId: string, reference: string) {
  const [row] = await tx
    .select({ recordId: feedbackRecords.recordId })
    .from(feedbackRecords)
    .where(and(eq(feedbackRecords.orgId, orgId), eq(feedbackRecords.reference, reference)));
  return row?.recordId ?? null;
}

/** A record's reference, to name the feedback a plan answers. */
export async function referenceOfRecord(tx: OrgTransaction, orgId: string, recordId: string) {
  const [row] = await tx
    .select({ reference: feedbackRecords.reference })
    .from(feedbackRecords)
    .where(and(eq(feedbackRecords.orgId, orgId), eq(feedbackRecords.recordId, recordId)));
  return row?.reference ?? null;
}

const publicColumns = {
  statementId: youSaidWeDid.statementId,
  youSaid: youSaidWeDid.youSaid,
  weDid: youSaidWeDid.weDid,
  assuranceLevel: youSaidWeDid.assuranceLevel,
  publishedOn: youSaidWeDid.publishedOn,
  updatedAt: youSaidWeDid.updatedAt,
  unitName: units.name,
  unitCode: units.code,
};
export type PublicStatement = {
  statementId: string;
  youSaid: string;
  weDid: string;
  assuranceLevel: (typeof youSaidWeDid.$inferSelect)['assuranceLevel'];
  publishedOn: string;
  updatedAt: Date;
  unitName: string | null;
  unitCode: string | null;
};

/** Published statements (published on or before today, not withdrawn), newest first: the trust's, or one unit's. */
export async function publicStatements(
  tx: OrgTransaction,
  orgId: string,
  options: { unitId?: string; today: string; limit: number },
): Promise<PublicStatement[]> {
  const rows = await tx
    .select(publicColumns)
    .from(youSaidWeDid)
    .leftJoin(units, and(eq(units.orgId, youSaidWeDid.orgId), eq(units.unitId, youSaidWeDid.unitId)))
    .where(
      and(
        eq(youSaidWeDid.orgId, orgId),
        lte(youSaidWeDid.publishedOn, options.today),
        isNull(youSaidWeDid.withdrawnOn),
        options.unitId ? eq(youSaidWeDid.unitId, options.unitId) : undefined,
      ),
    )
    .orderBy(desc(youSaidWeDid.publishedOn), desc(youSaidWeDid.createdAt))
    .limit(options.limit);
  return rows;
}

/** Every statement, for staff: with the reference of the feedback that prompted it. */
export async function allStatements(tx: OrgTransaction, orgId: string) {
  return tx
    .select({
      ...publicColumns,
      sourceReference: feedbackRecords.reference,
      sourceDescription: youSaidWeDid.sourceDescription,
      withdrawnOn: youSaidWeDid.withdrawnOn,
      withdrawnReason: youSaidWeDid.withdrawnReason,
    })
    .from(youSaidWeDid)
    .leftJoin(units, and(eq(units.orgId, youSaidWeDid.orgId), eq(units.unitId, youSaidWeDid.unitId)))
    .leftJoin(
      feedbackRecords,
      and(
        eq(feedbackRecords.orgId, youSaidWeDid.orgId),
        eq(feedbackRecords.recordId, youSaidWeDid.sourceRecordId),
      ),
    )
    .where(eq(youSaidWeDid.orgId, orgId))
    .orderBy(desc(youSaidWeDid.publishedOn), desc(youSaidWeDid.createdAt));
}

/** One statement as staff edit it, with the reference of its feedback. */
export async function statementById(tx: OrgTransaction, orgId: string, statementId: string) {
  const [row] = await tx
    .select({ statement: youSaidWeDid, sourceReference: feedbackRecords.reference })
    .from(youSaidWeDid)
    .leftJoin(
      feedbackRecords,
      and(
        eq(feedbackRecords.orgId, youSaidWeDid.orgId),
        eq(feedbackRecords.recordId, youSaidWeDid.sourceRecordId),
      ),
    )
    .where(and(eq(youSaidWeDid.orgId, orgId), eq(youSaidWeDid.statementId, statementId)));
  return row ?? null;
}

export async function updateStatement(
  tx: OrgTransaction,
  orgId: string,
  statementId: string,
  changes: Partial<typeof youSaidWeDid.$inferInsert>,
) {
  const [row] = await tx
    .update(youSaidWeDid)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(youSaidWeDid.orgId, orgId), eq(youSaidWeDid.statementId, statementId)))
    .returning();
  if (!row) throw new Error('statement was not changed');
  return row;
}
