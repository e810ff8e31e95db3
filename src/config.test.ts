import { describe, expect, it } from 'vitest';
import { ConfigError, isEmbedded, loadConfig } from './config.ts';

const problemsFor = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('configuration from the environment', () => {
  it('defaults to port 3000 and the embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.HEARD_DATA_DIR).toBe('./data');
    expect(isEmbedded(config)).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a port number'],
    [{ PORT: '70000' }, 'PORT must be between 0 and 65535'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a PostgreSQL connection URL'],
    [{ DATABASE_URL: 'postgres://db/heard' }, 'SESSION_SECRET must be set'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET must be at least 32 characters long'],
    [
      { OIDC_ISSUER: 'https://login.example/' },
      'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together',
    ],
    [{ COOKIE_SECURE: 'sometimes' }, 'COOKIE_SECURE must be auto, true or false'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY must be true or false'],
    [
      { COMPLAINT_REMINDER_WORKING_DAYS: '0' },
      'COMPLAINT_REMINDER_WORKING_DAYS must be 1 working day or more',
    ],
    [
      { NOTIFY_TEMPLATE_RESPONSE_REMINDER_EMAIL: 'reminder' },
      'NOTIFY_TEMPLATE_RESPONSE_REMINDER_EMAIL must be the id of a GOV.UK Notify email template',
    ],
    [{ ATTACHMENT_MAX_MEGABYTES: 'ten' }, 'ATTACHMENT_MAX_MEGABYTES must be a number of megabytes'],
    [{ ATTACHMENT_MAX_MEGABYTES: '0' }, 'ATTACHMENT_MAX_MEGABYTES must be 1 megabyte or more'],
    [
      { NOTIFY_TEMPLATE_SURVEY_INVITATION_SMS: '5e1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' },
      'INVITATION_HASH_SECRET must be set (at least 32 random characters) when a survey invitation template is set',
    ],
    [{ INVITATION_HASH_SECRET: 'short' }, 'INVITATION_HASH_SECRET must be at least 32 characters long'],
  ])('names the variable that is wrong: %o', (env, message) => {
    expect(problemsFor(env).join('\n')).toContain(message);
  });

  it('reminds investigators 5 working days before a response is due unless told otherwise', () => {
    expect(loadConfig({}).COMPLAINT_REMINDER_WORKING_DAYS).toBe(5);
    expect(loadConfig({ COMPLAINT_REMINDER_WORKING_DAYS: '10' }).COMPLAINT_REMINDER_WORKING_DAYS).toBe(10);
  });

  it('takes attachments of up to 10 megabytes unless told otherwise', () => {
    expect(loadConfig({}).ATTACHMENT_MAX_MEGABYTES).toBe(10);
    expect(loadConfig({ ATTACHMENT_MAX_MEGABYTES: '25' }).ATTACHMENT_MAX_MEGABYTES).toBe(25);
  });

  it('reports every problem at once rather than the first', () => {
    expect(problemsFor({ PORT: 'x', SESSION_SECRET: 'short' })).toHaveLength(2);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('uses a PostgreSQL server when DATABASE_URL and SESSION_SECRET are set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://heard@db/heard', SESSION_SECRET: 'x'.repeat(32) });
    expect(isEmbedded(config)).toBe(false);
  });
});
