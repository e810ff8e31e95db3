import { z } from 'zod';
import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { type IsoDate, isoDateInLondon, ukDate } from '#src/domains/calendar/index.ts';
import { Conflict, NotFound } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import { lockCaseForChange, recordCaseChange } from './case-changes.ts';
import { optionalDate, parsedOrInvalid, refuseProblems } from './inputs.ts';
import type { FeedbackKind } from './kinds-and-channels.ts';
import { isDueForRetentionReview, retentionReviewDate } from './retention.ts';
import {
  casesPastRetention,
  type DestroyedParts,
  destroyCaseFile,
  insertRetentionReview,
  retainedUntil,
  unitName,
} from './retention-queries.ts';
import { type RetentionDecision, retentionDecisions } from './schema.ts';

// Issue 4, retention: a case file is kept 10 years from closure, and not closed while litigation
// continues (DESIGN.md §3, retention.ts); then it is listed for review. The decision is recorded
// either way: keep it until a later review, or destroy it, which removes its personal data and
// attachments in one transaction and keeps what returns and reports count. The audit trail says
// that it was destroyed, never what it held.

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case file listed for review: what identifies it, and none of its personal data. */
export interface RetentionCase {
  recordId: string;
  reference: string;
  kind: FeedbackKind;
  summary: string;
  unitName: string;
  closedDate: IsoDate;
  reviewDate: IsoDate;
}

const decisionSchema = z.object({
  decision: z.enum(retentionDecisions, { error: 'Select whether to destroy the case file or keep it' }),
  reason: z
    .string({ error: 'Enter the reason for the decision' })
    .trim()
    .min(1, 'Enter the reason for the decision'),
  reviewAgainDate: optionalDate('Enter the date to review it again as a real date, like 2030-01-31'),
});
export type RetentionDecisionInput = z.input<typeof decisionSchema>;

export interface RetentionDependencies {
  db: Database;
  /** Now; today in England is read from it. */
  clock?: () => Date;
}

export function retentionService({ db, clock = () => new Date() }: RetentionDependencies) {
  const today = (): IsoDate => isoDateInLondon(clock());

  /** Case files due for a retention review today, the longest closed first. */
  async function casesDueForReview(orgId: string): Promise<RetentionCase[]> {
    const on = today();
    const rows = await withOrg(db, orgId, (tx) => casesPastRetention(tx, orgId, on));
    return rows.flatMap(({ closedDate, litigationOngoing, ...row }) => {
      const reviewDate = retentionReviewDate(closedDate, litigationOngoing);
      // The query narrows; the rule (retention.ts) decides.
      if (!closedDate || !reviewDate || !isDueForRetentionReview(on, closedDate, litigationOngoing))
        return [];
      return [{ ...row, closedDate, reviewDate }];
    });
  }

  /**
   * The case file, locked, when it is due for review on `on`; NotFound when the organisation has
   * no such case, Conflict (with the reason) when it is not due.
   */
  async function lockDueCase(tx: OrgTransaction, orgId: string, recordId: string, on: IsoDate) {
    const found = uuidPattern.test(recordId)
      ? await lockCaseForChange(tx, orgId, recordId, { now: clock(), evenIfDestroyed: true })
      : null;
    if (!found) throw new NotFound('There is no case with that identifier in your organisation.');
    const { record, details } = found;
    const litigation = details?.litigationOngoing ?? false;
    const reference = record.reference;
    if (record.destroyedDate) {
      throw new Conflict(`The file of ${reference} was destroyed on ${ukDate(record.destroyedDate)}`);
    }
    if (record.status === 'open' || !record.closedDate) {
      throw new Conflict(`${reference} is not closed, so its 10 years have not begun`);
    }
    if (litigation) {
      throw new Conflict(`Litigation about ${reference} continues, so its file is not due for review`);
    }
    const reviewDate = retentionReviewDate(record.closedDate, litigation);
    if (!reviewDate || !isDueForRetentionReview(on, record.closedDate, litigation)) {
      throw new Conflict(`The file of ${reference} is not due for review until ${ukDate(reviewDate ?? on)}`);
    }
    const keptUntil = await retainedUntil(tx, orgId, recordId, on);
    if (keptUntil) {
      throw new Conflict(`The file of ${reference} is kept until a review on ${ukDate(keptUntil)}`);
    }
    return { record, closedDate: record.closedDate, reviewDate };
  }

  /** One case file that is due for review, for its decision form (refused as lockDueCase refuses). */
  async function caseDueForReview(orgId: string, recordId: string): Promise<RetentionCase> {
    return withOrg(db, orgId, async (tx) => {
      const { record, closedDate, reviewDate } = await lockDueCase(tx, orgId, recordId, today());
      return {
        recordId,
        reference: record.reference,
        kind: record.kind,
        summary: record.summary,
        unitName: (await unitName(tx, orgId, record.unitId)) ?? 'Unknown service',
        closedDate,
        reviewDate,
      };
    });
  }

  /**
   * Records the decision on a case file due for review. To retain it needs the date of the next
   * review; to destroy it empties every personal detail of the case in the same transaction.
   */
  async function recordRetentionDecision(
    orgId: string,
    actor: Actor,
    recordId: string,
    input: RetentionDecisionInput,
  ): Promise<{ decision: RetentionDecision; reference: string; reviewAgainDate: IsoDate | null }> {
    const answers = parsedOrInvalid(decisionSchema, input);
    const on = today();
    const retain = answers.decision === 'retain';
    refuseProblems({
      reviewAgainDate: !retain
        ? null
        : answers.reviewAgainDate === null
          ? 'Enter the date to review the case file again'
          : answers.reviewAgainDate <= on
            ? 'The date to review it again must be in the future'
            : null,
    });
    // Checked, with the case locked, in the transaction that records the decision.
    return withOrg(db, orgId, async (tx) => {
      const { record } = await lockDueCase(tx, orgId, recordId, on);
      const review = await insertRetentionReview(tx, {
        orgId,
        recordId,
        decision: answers.decision,
        reason: answers.reason,
        reviewAgainDate: retain ? answers.reviewAgainDate : null,
        decidedBy: actor.kind === 'user' ? actor.id : null,
        decidedByName: actor.name,
        decidedDate: on,
      });
      // The reason is free text, so it stays in retention_reviews and out of the append-only trail.
      const audited = { reviewId: review.reviewId, decision: review.decision, decidedDate: on };
      if (retain) {
        await recordCaseChange(tx, orgId, actor, recordId, {
          action: 'case.file-retained',
          after: { ...audited, reviewAgainDate: review.reviewAgainDate },
        });
      } else {
        const removed: DestroyedParts = await destroyCaseFile(tx, orgId, recordId, on);
        await recordCaseChange(tx, orgId, actor, recordId, {
          action: 'case.file-destroyed',
          after: { ...audited, destroyedDate: on, removed },
        });
      }
      return {
        decision: review.decision,
        reference: record.reference,
        reviewAgainDate: review.reviewAgainDate,
      };
    });
  }

  return { casesDueForReview, caseDueForReview, recordRetentionDecision };
}

export type RetentionService = ReturnType<typeof retentionService>;
