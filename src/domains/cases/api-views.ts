import type { IsoDate } from '#src/domains/calendar/index.ts';
import type { ListedCaseRow } from './api-queries.ts';
import { deadlineStatus, latestAgreedResponseDate, statutoryResponseDate } from './deadlines.ts';
import type { CasesService } from './service.ts';

// What the API answers, made from what the service and queries read. The response schemas in
// api-schemas.ts then keep only the fields they name.

/**
 * A case in the list, with a complaint's deadlines as they stand on `today`, worked out as the
 * case pages work them out (case-reads.ts): the response is due by the latest agreed date, and a
 * withdrawal ends the wait for it.
 */
export function listedCase(row: ListedCaseRow, extendedTo: IsoDate | undefined, today: IsoDate) {
  const { record, details } = row;
  if (!details) return { ...record, investigatorUserId: null, deadlines: null };
  const responseDueDate = latestAgreedResponseDate(
    details.agreedResponseDate,
    extendedTo ? [{ newAgreedDate: extendedTo }] : [],
  );
  return {
    ...record,
    investigatorUserId: details.investigatorUserId,
    deadlines: {
      acknowledgementDueDate: details.acknowledgementDueDate,
      acknowledgement: deadlineStatus(details.acknowledgementDueDate, details.acknowledgedDate, today),
      responseDueDate,
      response: deadlineStatus(responseDueDate, details.responseSentDate ?? details.withdrawnDate, today),
      statutoryResponseDate: statutoryResponseDate(record.receivedDate),
    },
  };
}

type CaseView = Awaited<ReturnType<CasesService['getCase']>>;

/** One case as the caller may see it: the service has already removed what they may not. */
export function caseDetailOf(view: CaseView) {
  return {
    ...view.record,
    investigatorUserId: view.details?.investigatorUserId ?? null,
    deadlines: view.deadlines,
    complaint: view.details,
    issues: view.issues,
    extensions: view.extensions,
    overallOutcome: view.overallOutcome,
    escalatedToRecordId: view.escalatedToRecordId,
  };
}
