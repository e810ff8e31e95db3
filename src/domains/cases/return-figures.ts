import { and, between, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import type { IssueOutcome } from './outcomes.ts';
import {
  complaintDetails,
  complaintIssues,
  feedbackRecords,
  type OmbudsmanOutcome,
  type OmbudsmanStatus,
  type RecordStatus,
} from './schema.ts';

// What the national return of written complaints (KO41a) and the reports count about each
// complaint open at some time in a range: its dates, status, the patient's age band and the
// complainant's status, and its issues' subjects, service areas, clinical-treatment sub-categories,
// staff groups and outcomes. No personal data: no names, no narrative, no contact details.

export interface ComplaintForReturn {
  recordId: string;
  reference: string;
  unitId: string;
  receivedDate: IsoDate;
  status: RecordStatus;
  /** The day it was closed or withdrawn; null while open (a reopened complaint is open again). */
  resolvedDate: IsoDate | null;
  /** The day the (latest) response was sent, if one was. */
  responseSentDate: IsoDate | null;
  /** KO41a age band (reference/ko41a-age-bands.json); null when not recorded. */
  patientAgeBandCode: string | null;
  /** KO41a status of complainant (reference/ko41a-complainant-status.json); null when not recorded. */
  complainantStatusCode: string | null;
  issues: {
    subjectCode: string;
    staffGroupCodes: string[];
    /** KO41a service area; null when not recorded. */
    serviceAreaCode: string | null;
    /** KO41a clinical-treatment sub-category (subject clinical treatment only); null when not recorded. */
    clinicalTreatmentCode: string | null;
    outcome: IssueOutcome | null;
  }[];
}

/**
 * Complaints received on or before the range's end and not resolved before its start: those
 * brought forward into it, received in it, or resolved in it, with their issues.
 */
export async function complaintsForReturn(
  db: Database,
  orgId: string,
  range: { start: IsoDate; end: IsoDate },
): Promise<ComplaintForReturn[]> {
  return withOrg(db, orgId, async (tx) => {
    const records = await tx
      .select({
        recordId: feedbackRecords.recordId,
        reference: feedbackRecords.reference,
        unitId: feedbackRecords.unitId,
        receivedDate: feedbackRecords.receivedDate,
        status: feedbackRecords.status,
        closedDate: feedbackRecords.closedDate,
        responseSentDate: complaintDetails.responseSentDate,
        patientAgeBandCode: complaintDetails.patientAgeBandCode,
        complainantStatusCode: complaintDetails.complainantStatusCode,
      })
      .from(feedbackRecords)
      .leftJoin(
        complaintDetails,
        and(
          eq(complaintDetails.orgId, feedbackRecords.orgId),
          eq(complaintDetails.recordId, feedbackRecords.recordId),
        ),
      )
      .where(
        and(
          eq(feedbackRecords.orgId, orgId),
          eq(feedbackRecords.kind, 'complaint'),
          lte(feedbackRecords.receivedDate, range.end),
          or(
            eq(feedbackRecords.status, 'open'),
            isNull(feedbackRecords.closedDate),
            gte(feedbackRecords.closedDate, range.start),
          ),
        ),
      )
      .orderBy(feedbackRecords.receivedDate, feedbackRecords.reference);
    const issues =
      records.length === 0
        ? []
        : await tx
            .select({
              recordId: complaintIssues.recordId,
              subjectCode: complaintIssues.subjectCode,
              staffGroupCodes: complaintIssues.staffGroupCodes,
              serviceAreaCode: complaintIssues.serviceAreaCode,
              clinicalTreatmentCode: complaintIssues.clinicalTreatmentCode,
              outcome: complaintIssues.outcome,
            })
            .from(complaintIssues)
            .where(
              and(
                eq(complaintIssues.orgId, orgId),
                inArray(
                  complaintIssues.recordId,
                  records.map((record) => record.recordId),
                ),
              ),
            );
    const issuesOf = new Map<string, ComplaintForReturn['issues']>();
    for (const { recordId, ...issue } of issues)
      issuesOf.set(recordId, [...(issuesOf.get(recordId) ?? []), issue]);
    return records.map(({ closedDate, patientAgeBandCode, complainantStatusCode, ...record }) => ({
      ...record,
      // A complaint always has its details row; the left join only makes the types say otherwise.
      patientAgeBandCode: patientAgeBandCode ?? null,
      complainantStatusCode: complainantStatusCode ?? null,
      resolvedDate: record.status === 'open' ? null : closedDate,
      issues: issuesOf.get(record.recordId) ?? [],
    }));
  });
}

export interface OmbudsmanCase {
  referredDate: IsoDate | null;
  status: OmbudsmanStatus | null;
  outcome: OmbudsmanOutcome | null;
  outcomeDate: IsoDate | null;
}

/** Complaints referred to the Ombudsman, or given the Ombudsman's decision, in the range: no personal data. */
export function ombudsmanActivity(
  db: Database,
  orgId: string,
  range: { start: IsoDate; end: IsoDate },
): Promise<OmbudsmanCase[]> {
  return withOrg(db, orgId, (tx) =>
    tx
      .select({
        referredDate: complaintDetails.ombudsmanReferredDate,
        status: complaintDetails.ombudsmanStatus,
        outcome: complaintDetails.ombudsmanOutcome,
        outcomeDate: complaintDetails.ombudsmanOutcomeDate,
      })
      .from(complaintDetails)
      .where(
        and(
          eq(complaintDetails.orgId, orgId),
          or(
            between(complaintDetails.ombudsmanReferredDate, range.start, range.end),
            between(complaintDetails.ombudsmanOutcomeDate, range.start, range.end),
          ),
        ),
      ),
  );
}
