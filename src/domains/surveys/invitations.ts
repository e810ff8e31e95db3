import { createHash, createHmac, randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { isIsoDate } from '#src/domains/calendar/index.ts';
import type { ArrivalCoding } from '#src/domains/comments/index.ts';
import { queueMessage } from '#src/domains/messages/index.ts';
import { listUnits } from '#src/domains/organisations/index.ts';
import { Invalid, NotFound } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import type { SubmittedAnswers } from './answers.ts';
import type { SurveyVariant } from './definition.ts';
import { surveyByCode } from './queries.ts';
import { type InvitationChannel, surveyInvitations, surveyOptOuts, surveys } from './schema.ts';
import { type RecordedResponse, recordResponse } from './service.ts';

// Invitations to answer a survey by text message or email, sent through the messages outbox (GOV.UK
// Notify): from a list of recent contacts, one invitation per contact per month, never to anyone
// who opted out, each with a link that can be answered once. Heard keeps no number or address for
// this: the outbox holds the message until it is sent; the invitation keeps a keyed hash of the
// contact (HMAC-SHA-256 with INVITATION_HASH_SECRET, which is not in the database).

export interface InvitationSettings {
  smsTemplateId?: string;
  emailTemplateId?: string;
  /** The address people open, such as https://heard.example.nhs.uk. */
  publicUrl: string;
  organisationName: string;
  odsCode: string;
  /**
   * The secret key contacts are hashed with (INVITATION_HASH_SECRET). Without it nobody can be
   * invited: a hash without a key would let anyone holding the table find numbers by trying them.
   */
  hashKey?: string;
}

export interface RecentContact {
  channel: InvitationChannel;
  /** A mobile number or an email address. */
  contact: string;
  unitCode: string;
  /** The day of the contact with the service: invitations are one per contact per calendar month. */
  contactDate: string;
}

/** What became of one contact: invited (or to invite, in a dry run), left out, or refused. */
export type InvitationOutcome = 'invited' | 'to-invite' | 'already-invited' | 'opted-out' | 'refused';

export interface InvitationRow {
  index: number;
  outcome: InvitationOutcome;
  /** Why the contact was refused or left out. */
  problem: string | null;
}

export interface InvitationResult {
  invited: number;
  alreadyInvited: number;
  optedOut: number;
  refused: { index: number; problem: string }[];
  /** Every contact's outcome, in the order given. */
  rows: InvitationRow[];
  dryRun: boolean;
}

/** The contact written one way whatever way it came: an email in lower case, a UK mobile as 07… */
export function normalisedContact(channel: InvitationChannel, contact: string): string | null {
  const text = contact.trim();
  if (channel === 'email') return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text) ? text.toLowerCase() : null;
  const digits = text
    .replace(/[\s()-]/g, '')
    .replace(/^\+44/, '0')
    .replace(/^0044/, '0');
  return /^07\d{9}$/.test(digits) ? digits : null;
}

/**
 * What the invitation and an opt-out keep of the contact: HMAC-SHA-256 under a secret key held
 * outside the database, over the organisation and the contact, so that the same number gives
 * different hashes in different organisations and nobody holding the tables alone can find a
 * number by hashing every mobile number there is (there are only about 10⁹).
 */
export const contactHash = (key: string, orgId: string, contact: string) =>
  createHmac('sha256', key).update(`${orgId}:${contact}`).digest('hex');

/**
 * The hash kept before the key: SHA-256 of the organisation and the contact. Opt-outs and
 * invitations recorded with it are still honoured; an opt-out found by it is kept again under the
 * keyed hash, and the old one removed, the next time its contact is uploaded.
 */
export const unkeyedContactHash = (orgId: string, contact: string) =>
  createHash('sha256').update(`${orgId}:${contact}`).digest('hex');
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

const refusalOf = (
  entry: RecentContact,
  settings: InvitationSettings,
  contact: string | null,
  unitKnown: boolean,
) => {
  const templateId = entry.channel === 'sms' ? settings.smsTemplateId : settings.emailTemplateId;
  if (!templateId)
    return `No GOV.UK Notify template is set for ${entry.channel === 'sms' ? 'text message' : 'email'} invitations`;
  if (!settings.hashKey) return 'Invitations cannot be sent until INVITATION_HASH_SECRET is set';
  if (!contact)
    return entry.channel === 'sms'
      ? 'Enter a UK mobile number, like 07700 900 982'
      : 'Enter an email address in the correct format, like name@example.com';
  if (!unitKnown) return `${entry.unitCode || 'Nothing'} is not the code of a unit`;
  if (!isIsoDate(entry.contactDate)) return 'Enter the date of the contact as a real date, like 2021-09-03';
  return null;
};

/**
 * Queues an invitation for each recent contact not yet invited this month and not opted out. A dry
 * run says what would become of each contact and changes nothing.
 */
export async function inviteContacts(
  db: Database,
  orgId: string,
  actor: Actor,
  settings: InvitationSettings,
  surveyCode: string,
  contacts: readonly RecentContact[],
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<InvitationResult> {
  const units = new Map((await listUnits(db, orgId)).map((unit) => [unit.code.toUpperCase(), unit]));
  const result: InvitationResult = {
    invited: 0,
    alreadyInvited: 0,
    optedOut: 0,
    refused: [],
    rows: [],
    dryRun,
  };
  const outcome = (index: number, what: InvitationOutcome, problem: string | null = null) => {
    result.rows.push({ index, outcome: what, problem });
    if (what === 'invited' || what === 'to-invite') result.invited += 1;
    else if (what === 'already-invited') result.alreadyInvited += 1;
    else if (what === 'opted-out') result.optedOut += 1;
    else result.refused.push({ index, problem: problem ?? 'This contact cannot be invited' });
  };
  await withOrg(db, orgId, async (tx) => {
    const survey = await surveyByCode(tx, surveyCode);
    if (!survey) throw new NotFound('There is no survey with that code.');
    // In a dry run nothing is inserted, so a contact given twice for one month is found here.
    const inThisRun = new Set<string>();
    for (const [index, entry] of contacts.entries()) {
      const contact = normalisedContact(entry.channel, entry.contact);
      const unit = units.get(entry.unitCode.trim().toUpperCase());
      const problem = refusalOf(entry, settings, contact, Boolean(unit));
      const templateId = entry.channel === 'sms' ? settings.smsTemplateId : settings.emailTemplateId;
      if (problem || !contact || !unit || !templateId || !settings.hashKey) {
        outcome(index, 'refused', problem);
        continue;
      }
      const hash = contactHash(settings.hashKey, orgId, contact);
      const unkeyed = unkeyedContactHash(orgId, contact);
      const optOuts = await tx
        .select({ contactHash: surveyOptOuts.contactHash })
        .from(surveyOptOuts)
        .where(and(eq(surveyOptOuts.orgId, orgId), inArray(surveyOptOuts.contactHash, [hash, unkeyed])));
      if (optOuts.length > 0) {
        if (!dryRun && !optOuts.some((row) => row.contactHash === hash)) {
          // An opt-out recorded before the key: kept again under the keyed hash, the old one removed.
          await tx.insert(surveyOptOuts).values({ orgId, contactHash: hash }).onConflictDoNothing();
          await tx
            .delete(surveyOptOuts)
            .where(and(eq(surveyOptOuts.orgId, orgId), eq(surveyOptOuts.contactHash, unkeyed)));
        }
        outcome(index, 'opted-out', 'Asked not to be invited again');
        continue;
      }
      const period = entry.contactDate.slice(0, 7);
      const runKey = `${hash}:${period}`;
      const [earlier] = await tx
        .select({ invitationId: surveyInvitations.invitationId })
        .from(surveyInvitations)
        .where(
          and(
            eq(surveyInvitations.orgId, orgId),
            eq(surveyInvitations.surveyId, survey.surveyId),
            inArray(surveyInvitations.contactHash, [hash, unkeyed]),
            eq(surveyInvitations.period, period),
          ),
        )
        .limit(1);
      if (earlier || inThisRun.has(runKey)) {
        outcome(index, 'already-invited', `Already invited for ${period}`);
        continue;
      }
      inThisRun.add(runKey);
      if (dryRun) {
        outcome(index, 'to-invite');
        continue;
      }
      const token = randomBytes(18).toString('base64url');
      const [invitation] = await tx
        .insert(surveyInvitations)
        .values({
          orgId,
          surveyId: survey.surveyId,
          unitId: unit.unitId,
          channel: entry.channel,
          contactHash: hash,
          period,
          tokenHash: tokenHash(token),
        })
        .onConflictDoNothing()
        .returning({ invitationId: surveyInvitations.invitationId });
      if (!invitation) {
        // Another upload invited them a moment ago.
        outcome(index, 'already-invited', `Already invited for ${period}`);
        continue;
      }
      const link = `${settings.publicUrl}/surveys/${settings.odsCode}/invitation/${token}`;
      await queueMessage(tx, orgId, actor, {
        channel: entry.channel,
        templateId,
        recipient: contact,
        personalisation: {
          organisation_name: settings.organisationName,
          service_name: unit.name,
          link,
          opt_out_link: `${link}/opt-out`,
        },
        purpose: 'survey.invitation',
        related: { type: 'survey_invitation', id: invitation.invitationId },
      });
      outcome(index, 'invited');
    }
    if (dryRun) return;
    await recordAudit(tx, orgId, actor, {
      action: 'survey.invitations-queued',
      entityType: 'survey',
      entityId: survey.surveyId,
      after: {
        invited: result.invited,
        alreadyInvited: result.alreadyInvited,
        optedOut: result.optedOut,
        refused: result.refused.length,
      },
    });
  });
  return result;
}

export interface OpenInvitation {
  invitationId: string;
  surveyCode: string;
  unitId: string;
  channel: InvitationChannel;
  answered: boolean;
}

/** The invitation behind a link, or null for a link Heard did not send. */
export async function invitationByToken(
  db: Database,
  orgId: string,
  token: string,
): Promise<OpenInvitation | null> {
  return withOrg(db, orgId, async (tx) => {
    const [row] = await tx
      .select()
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.orgId, orgId), eq(surveyInvitations.tokenHash, tokenHash(token))));
    if (!row) return null;
    const [owner] = await tx
      .select({ code: surveys.code })
      .from(surveys)
      .where(eq(surveys.surveyId, row.surveyId));
    return {
      invitationId: row.invitationId,
      surveyCode: owner?.code ?? '',
      unitId: row.unitId,
      channel: row.channel,
      answered: row.answeredAt !== null,
    };
  });
}

/**
 * Stores the answers given through an invitation's link: once, since the invitation is the
 * response's submission id, whatever is sent again. The mode is SMS or electronic at home.
 */
export async function answerInvitation(
  db: Database,
  orgId: string,
  actor: Actor,
  invitation: OpenInvitation,
  answer: { variant: SurveyVariant; language: string; answers: SubmittedAnswers; today: string },
  coding: ArrivalCoding = {},
): Promise<RecordedResponse> {
  if (invitation.answered) throw new Invalid('This link has already been used to answer the survey');
  const recorded = await recordResponse(
    db,
    orgId,
    actor,
    {
      surveyCode: invitation.surveyCode,
      unitId: invitation.unitId,
      variant: answer.variant,
      language: answer.language,
      mode: invitation.channel === 'sms' ? 'sms' : 'electronic-home',
      responseDate: answer.today,
      submissionId: `invitation-${invitation.invitationId}`,
      answers: answer.answers,
    },
    coding,
  );
  await withOrg(db, orgId, (tx) =>
    tx
      .update(surveyInvitations)
      .set({ answeredAt: new Date() })
      .where(
        and(eq(surveyInvitations.orgId, orgId), eq(surveyInvitations.invitationId, invitation.invitationId)),
      ),
  );
  return recorded;
}

/** Stops every future invitation to the contact behind this link. */
export async function optOutByToken(
  db: Database,
  orgId: string,
  actor: Actor,
  token: string,
): Promise<boolean> {
  return withOrg(db, orgId, async (tx) => {
    const [row] = await tx
      .select()
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.orgId, orgId), eq(surveyInvitations.tokenHash, tokenHash(token))));
    if (!row) return false;
    await tx.insert(surveyOptOuts).values({ orgId, contactHash: row.contactHash }).onConflictDoNothing();
    await recordAudit(tx, orgId, actor, {
      action: 'survey.opted-out',
      entityType: 'survey_invitation',
      entityId: row.invitationId,
    });
    return true;
  });
}
