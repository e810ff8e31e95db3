import type { Config } from '#src/config.ts';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import { queueMessage } from '#src/domains/messages/index.ts';
import { type Actor, systemActor } from '#src/web/principal.ts';
import { feedbackKindNames } from './kinds-and-channels.ts';
import { offeredComplainantStatus } from './ko41a-codes.ts';
import {
  acknowledgementFor,
  type FeedbackAnswers,
  newRecordFromAnswers,
  suspectedSpamNote,
} from './public-journey.ts';
import { referenceLists } from './reference-lists.ts';
import { casesService } from './service.ts';

/** Who the audit trail names for everything the public form records. */
export const publicFormActor = (requestId?: string): Actor => ({
  ...systemActor('Public web form'),
  requestId,
});

export interface Submission {
  orgId: string;
  organisationName: string;
  unitName: string;
  answers: FeedbackAnswers;
  today: IsoDate;
  /** The hidden "Leave this blank" field was filled in. */
  suspectedSpam: boolean;
  requestId?: string;
}

type SubmitConfig = Pick<
  Config,
  | 'COMPLAINT_RESPONSE_TARGET_WORKING_DAYS'
  | 'NOTIFY_TEMPLATE_FEEDBACK_ACKNOWLEDGEMENT_EMAIL'
  | 'NOTIFY_TEMPLATE_FEEDBACK_ACKNOWLEDGEMENT_SMS'
>;

/**
 * Records a public submission, its spam note and its acknowledgement in ONE transaction, so the
 * reference the person is shown exists in the database before the page is sent, with its message.
 */
export async function recordPublicFeedback(db: Database, config: SubmitConfig, submission: Submission) {
  const { orgId, answers } = submission;
  const actor = publicFormActor(submission.requestId);
  return withOrg(db, orgId, async (tx) => {
    // The cases service bound to this transaction: its own transactions become savepoints in it.
    const cases = casesService({ db: tx, config });
    const answered = newRecordFromAnswers(answers, submission);
    const complainantStatusCode = answered.complainantStatusCode ?? null;
    const input = {
      ...answered,
      complainantStatusCode: offeredComplainantStatus(referenceLists(), complainantStatusCode),
    };
    let result = await cases.logRecord(orgId, actor, input);
    // SI 2009/309 reg 8(1)(c) concerns oral complaints only, so a web form should never meet it;
    // were it to, the Regulations' own answer is to record a concern rather than lose the feedback
    // (leaving behind what only a complaint records).
    if (result.outcome === 'offerConcern')
      result = await cases.logRecord(orgId, actor, {
        ...input,
        kind: 'concern',
        complainantStatusCode: null,
      });
    if (result.outcome !== 'logged') throw new Error('The feedback could not be recorded');
    const { record, timeLimit } = result;
    if (submission.suspectedSpam) await cases.addCaseNote(orgId, actor, record.recordId, suspectedSpamNote);
    // Nothing is sent to an address a suspected spammer typed: staff decide once they have looked.
    const acknowledgement = submission.suspectedSpam
      ? null
      : acknowledgementFor(answers, {
          email: config.NOTIFY_TEMPLATE_FEEDBACK_ACKNOWLEDGEMENT_EMAIL,
          sms: config.NOTIFY_TEMPLATE_FEEDBACK_ACKNOWLEDGEMENT_SMS,
        });
    if (acknowledgement) {
      await queueMessage(tx, orgId, actor, {
        ...acknowledgement,
        purpose: 'feedback.acknowledgement',
        related: { type: 'case', id: record.recordId },
        personalisation: {
          reference: record.reference,
          organisation_name: submission.organisationName,
          feedback_kind: feedbackKindNames[record.kind].toLowerCase(),
          service_name: submission.unitName,
        },
      });
    }
    // SI 2009/309 reg 12: a late complaint is still accepted; staff decide whether to waive the limit.
    return { record, lateComplaint: timeLimit?.status === 'outside' };
  });
}
