import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
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
// this: the outbox holds the message until it is sent; the invitation keeps a hash of the contact.

export interface InvitationSettings {
  smsTemplateId?: string;
  emailTemplateId?: string;
  /** The address people open, such as https://heard.example.nhs.uk. */
  publicUrl: string;
  organisationName: string;
  odsCode: string;
}

export interface RecentContact {
  channel: InvitationChannel;
  /** A mobile number or an email address. */
  contact: string;
  unitCode: string;
  /** The day of the contact with the service: invitations are one per contact per calendar month. */
  contactDate: string;
}

export interface InvitationResult {
  invited: number;
  alreadyInvited: number;
  optedOut: number;
  refused: { index: number; problem: string }[];
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
 * What the invitation keeps of the contact. Salted with the organisation, so the same number gives
 * different hashes in different organisations. (A key held outside the database would be stronger
 * against guessing numbers; see the surveys section of the README.)
 */
export const contactHash = (orgId: string, contact: string) =>
  createHash('sha256').update(`${orgId}:${contact}`).digest('hex');
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Queues an invitation for each recent contact not yet invited this month and not opted out. */
export async function inviteContacts(
  db: Database,
  orgId: string,
  actor: Actor,
  settings: InvitationSettings,
  surveyCode: string,
  contacts: readonly RecentContact[],
): Promise<InvitationResult> {
  const units = new Map((await listUnits(db, orgId)).map((unit) => [unit.code.toUpperCase(), unit]));
  const result: InvitationResult = { invited: 0, alreadyInvited: 0, optedOut: 0, refused: [] };
  await withOrg(db, orgId, async (tx) => {
    const survey = await surveyByCode(tx, surveyCode);
    if (!survey) throw new NotFound('There is no survey with that code.');
    for (const [index, entry] of contacts.entries()) {
      const templateId = entry.channel === 'sms' ? settings.smsTemplateId : settings.emailTemplateId;
      const contact = normalisedContact(entry.channel, entry.contact);
      const unit = units.get(entry.unitCode.toUpperCase());
      const problem = !templateId
        ? `No GOV.UK Notify template is set for ${entry.channel === 'sms' ? 'text message' : 'email'} invitations`
        : !contact
          ? entry.channel === 'sms'
            ? 'Enter a UK mobile number, like 07700 900 982'
            : 'Enter an email address in the correct format, like name@example.com'
          : !unit
            ? `${entry.unitCode} is not the code of a unit`
            : !/^\d{4}-\d{2}-\d{2}$/.test(entry.contactDate)
              ? 'Enter the date of the contact as YYYY-MM-DD'
              : null;
      if (problem || !contact || !unit || !templateId) {
        result.refused.push({ index, problem: problem ?? 'This contact cannot be invited' });
        continue;
      }
      const hash = contactHash(orgId, contact);
      const [optedOut] = await tx
        .select()
        .from(surveyOptOuts)
        .where(and(eq(surveyOptOuts.orgId, orgId), eq(surveyOptOuts.contactHash, hash)));
      if (optedOut) {
        result.optedOut += 1;
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
          period: entry.contactDate.slice(0, 7),
          tokenHash: tokenHash(token),
        })
        .onConflictDoNothing()
        .returning({ invitationId: surveyInvitations.invitationId });
      if (!invitation) {
        result.alreadyInvited += 1;
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
      result.invited += 1;
    }
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
