import { describe, expect, it } from 'vitest';
import {
  afterFailedAttempt,
  callbackTokenMatches,
  isDue,
  isFinal,
  maxSendAttempts,
  messageIdOfReference,
  messageProblem,
  messageReference,
  nextStatusCheckAt,
  retryDelayMs,
  type SendFailure,
  sendAllowance,
  statusFromNotify,
} from './rules.ts';
import type { MessageStatus } from './schema.ts';

const minutes = (n: number) => n * 60_000;
const at = (iso: string) => new Date(iso);
const templateId = '8a7b1e0c-2f4d-4c5e-9a1b-3c2d1e0f9a8b';

describe('the reference sent to Notify', () => {
  const messageId = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

  it('is the message’s random id and nothing else, so it holds no personal data (DESIGN.md §3)', () => {
    expect(messageReference(messageId)).toBe(`heard-${messageId}`);
  });

  it.each([
    [`heard-${messageId}`, messageId],
    [`heard-${messageId}x`, null],
    [messageId, null],
    ['heard-jane.smith@example.com', null],
    ['', null],
    [null, null],
  ])('%j leads back to message %j', (reference, expected) => {
    expect(messageIdOfReference(reference)).toBe(expected);
  });
});

describe('what may be queued', () => {
  const email = {
    channel: 'email',
    templateId,
    recipient: 'pat@example.com',
    purpose: 'complaint.acknowledgement',
  } as const;
  const letterAddress = {
    address_line_1: 'Pat Smith',
    address_line_2: '1 High Street',
    address_line_3: 'LS1 4AP',
  };

  it.each([
    ['an email', email, null],
    ['a text message', { ...email, channel: 'sms', recipient: '07700 900123' }, null],
    ['a text to an international number', { ...email, channel: 'sms', recipient: '+33 6 12 34 56 78' }, null],
    ['a letter', { ...email, channel: 'letter', recipient: null, personalisation: letterAddress }, null],
    [
      'a template id that is not a UUID',
      { ...email, templateId: 'acknowledgement' },
      'The Notify template id must be a UUID',
    ],
    [
      'a purpose in words',
      { ...email, purpose: 'Complaint acknowledgement' },
      'The purpose must be a short label such as complaint.acknowledgement',
    ],
    [
      'a purpose too long',
      { ...email, purpose: `a${'b'.repeat(64)}` },
      'The purpose must be a short label such as complaint.acknowledgement',
    ],
    [
      'an email without an address',
      { ...email, recipient: null },
      'An email needs an email address to go to',
    ],
    [
      'an email to a phone number',
      { ...email, recipient: '07700 900123' },
      'An email needs an email address to go to',
    ],
    [
      'a text without a number',
      { ...email, channel: 'sms', recipient: '' },
      'A text message needs a mobile phone number to go to',
    ],
    [
      'a text to an email address',
      { ...email, channel: 'sms' },
      'A text message needs a mobile phone number to go to',
    ],
    [
      'a letter with two address lines',
      {
        ...email,
        channel: 'letter',
        recipient: null,
        personalisation: { address_line_1: 'Pat', address_line_2: 'LS1 4AP' },
      },
      'A letter needs an address of at least 3 lines, starting at address_line_1',
    ],
    [
      'a letter addressed as an email is',
      { ...email, channel: 'letter', personalisation: letterAddress },
      'A letter’s address goes in its personalisation, as address_line_1 to 7',
    ],
  ] as const)('%s: %j', (_case, message, problem) => {
    expect(messageProblem(message)).toBe(problem);
  });
});

describe('whether a message is due', () => {
  const now = at('2025-03-03T09:00:00Z');
  it.each([
    ['queued', '2025-03-03T09:00:00Z', true],
    ['queued', '2025-03-03T08:00:00Z', true],
    ['queued', '2025-03-03T09:00:01Z', false],
    // A dispatcher that died mid-send: its claim has lapsed, so another takes the message on.
    ['sending', '2025-03-03T08:59:00Z', true],
    ['sending', '2025-03-03T09:04:00Z', false],
    ['sent', '2025-03-03T08:00:00Z', false],
    ['delivered', '2025-03-03T08:00:00Z', false],
    ['cancelled', '2025-03-03T08:00:00Z', false],
    ['permanent-failure', '2025-03-03T08:00:00Z', false],
  ] as const)('a %s message whose next attempt is at %s: %s', (status, next, due) => {
    expect(isDue({ status, nextAttemptAt: at(next) }, now)).toBe(due);
  });
});

describe('GOV.UK Notify’s rate limit of 3,000 messages a minute per key', () => {
  it.each([
    [0, 100, 100],
    [2950, 100, 50],
    [3000, 100, 0],
    [3500, 100, 0],
    [0, 5000, 3000],
  ])('with %i sent in the last minute, a pass of up to %i may send %i', (sent, batch, allowed) => {
    expect(sendAllowance(sent, batch)).toBe(allowed);
  });
});

describe('retries with exponential back-off', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [4, 8],
    [5, 16],
    [6, 32],
    [7, 60],
    [20, 60],
  ])('after attempt %i, waits %i minutes', (attempts, waitMinutes) => {
    expect(retryDelayMs(attempts)).toBe(minutes(waitMinutes));
  });

  it('makes its last attempt about 24 hours after its first, then gives up', () => {
    let waited = 0;
    for (let attempt = 1; attempt < maxSendAttempts; attempt += 1) waited += retryDelayMs(attempt);
    expect(waited / minutes(60)).toBeGreaterThanOrEqual(24);
    expect(waited / minutes(60)).toBeLessThan(25);
  });

  const now = at('2025-03-03T09:00:00Z');
  const refused: SendFailure = { httpStatus: null, errors: [], detail: 'ECONNREFUSED' };
  const failure = (httpStatus: number, error: string, message: string): SendFailure => ({
    httpStatus,
    errors: [{ error, message }],
  });

  it.each([
    [refused, 'queued', 'GOV.UK Notify could not be reached (ECONNREFUSED)'],
    [
      failure(500, 'Exception', 'Internal server error'),
      'queued',
      'GOV.UK Notify answered 500 (Exception: Internal server error)',
    ],
    [
      failure(429, 'RateLimitError', 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds'),
      'queued',
      'GOV.UK Notify answered 429 (RateLimitError: Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds)',
    ],
    [
      failure(403, 'AuthError', 'Invalid token: API key not found'),
      'queued',
      'GOV.UK Notify refused Heard’s API key: check NOTIFY_API_KEY (AuthError: Invalid token: API key not found)',
    ],
    [
      failure(400, 'ValidationError', 'phone_number Not a UK mobile number'),
      'permanent-failure',
      'GOV.UK Notify answered 400 (ValidationError: phone_number Not a UK mobile number)',
    ],
    [
      failure(400, 'BadRequestError', 'Template not found'),
      'permanent-failure',
      'GOV.UK Notify answered 400 (BadRequestError: Template not found)',
    ],
  ] as const)('%j leaves the message %s: %s', (sendFailure, status, reason) => {
    expect(afterFailedAttempt(sendFailure, 1, now)).toMatchObject({ status, lastError: reason });
  });

  it('tries again a minute after a first failure while Notify is unavailable', () => {
    expect(afterFailedAttempt(refused, 1, now)).toEqual({
      status: 'queued',
      nextAttemptAt: at('2025-03-03T09:01:00Z'),
      lastError: 'GOV.UK Notify could not be reached (ECONNREFUSED)',
    });
  });

  it('gives up as a technical failure once the last attempt has failed', () => {
    expect(afterFailedAttempt(refused, maxSendAttempts - 1, now).status).toBe('queued');
    expect(afterFailedAttempt(refused, maxSendAttempts, now)).toEqual({
      status: 'technical-failure',
      lastError:
        'Gave up after 30 attempts over about 24 hours. The last: GOV.UK Notify could not be reached (ECONNREFUSED)',
    });
  });
});

describe('Notify’s statuses as Heard records them', () => {
  it.each([
    // Emails and text messages
    ['created', 'sent'],
    ['sending', 'sent'],
    ['pending', 'sent'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['permanent-failure', 'permanent-failure'],
    ['temporary-failure', 'temporary-failure'],
    ['technical-failure', 'technical-failure'],
    // Letters
    ['accepted', 'sent'],
    ['pending-virus-check', 'sent'],
    ['received', 'delivered'],
    ['cancelled', 'cancelled'],
    ['validation-failed', 'permanent-failure'],
    ['virus-scan-failed', 'permanent-failure'],
    ['something-new', null],
  ] as const)('%s is %s', (notifyStatus, status) => {
    expect(statusFromNotify(notifyStatus)).toBe(status);
  });

  it.each([
    ['queued', false],
    ['sending', false],
    ['sent', false],
    ['delivered', true],
    ['permanent-failure', true],
    ['temporary-failure', true],
    ['technical-failure', true],
    ['cancelled', true],
  ] as [MessageStatus, boolean][])('%s is final: %s', (status, final) => {
    expect(isFinal(status)).toBe(final);
  });
});

describe('when to ask Notify about a sent message again', () => {
  const sentAt = at('2025-03-03T09:00:00Z');
  it.each([
    ['2025-03-03T09:00:00Z', '2025-03-03T09:01:00Z'],
    ['2025-03-03T09:09:00Z', '2025-03-03T09:10:00Z'],
    ['2025-03-03T09:10:00Z', '2025-03-03T09:15:00Z'],
    ['2025-03-03T10:00:00Z', '2025-03-03T10:30:00Z'],
    ['2025-03-04T09:00:00Z', '2025-03-04T12:00:00Z'],
    ['2025-03-10T08:59:00Z', '2025-03-10T11:59:00Z'],
    // Notify keeps a notification for 7 days.
    ['2025-03-10T09:00:00Z', null],
  ])('checked at %s: next at %s', (now, next) => {
    expect(nextStatusCheckAt(sentAt, at(now))).toEqual(next ? at(next) : null);
  });
});

describe('the callback’s bearer token', () => {
  const token = 'a-long-callback-token-from-the-trust';
  it.each([
    [token, `Bearer ${token}`, true],
    [token, `Bearer  ${token} `, true],
    [token, `Bearer ${token}x`, false],
    [token, 'Bearer a-long-callback-token-from-the-trusT', false],
    [token, token, false],
    [token, undefined, false],
    [undefined, 'Bearer anything-at-all', false],
    [undefined, undefined, false],
  ])('configured %j, presented %j: %s', (expected, presented, matches) => {
    expect(callbackTokenMatches(expected, presented)).toBe(matches);
  });
});
