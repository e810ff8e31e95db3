import { z } from 'zod';

// Every setting Heard reads from its environment, validated once at start.
// Messages name the variable so that an operator knows what to fix.
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce
      .number({ message: 'must be a port number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: z.url({ message: 'must be a full URL such as https://heard.example.nhs.uk' }).optional(),
    HEARD_DATA_DIR: z.string().min(1, 'must be a folder path').default('./data'),
    DATABASE_URL: z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        'must be a PostgreSQL connection URL starting postgres:// or postgresql://',
      )
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
    SESSION_HOURS: z.coerce.number().int().min(1).max(24).default(8),
    // 'auto' marks the cookie Secure whenever the request came over HTTPS (behind a proxy, set TRUST_PROXY).
    COOKIE_SECURE: z
      .enum(['auto', 'true', 'false'], { message: 'must be auto, true or false' })
      .default('auto')
      .transform((value) => (value === 'auto' ? 'auto' : value === 'true')),
    TRUST_PROXY: booleanFlag.default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    SIGN_IN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    SIGN_IN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
    // Feedback one address may send from the public form in 10 minutes: enough for a family sharing a
    // connection, too few for a flood. Raised only to measure the form under load (`npm run bench`).
    FEEDBACK_SUBMIT_RATE_LIMIT_PER_10_MINUTES: z.coerce.number().int().min(1).max(1_000_000).default(20),
    // Survey answers one address may send in 10 minutes: a ward's kiosk (one address, its queue sent
    // in a burst when the network returns) stays well within it; a flood meant to skew a unit's
    // Friends and Family Test does not.
    SURVEY_SUBMIT_RATE_LIMIT_PER_10_MINUTES: z.coerce.number().int().min(1).max(1_000_000).default(300),
    OIDC_ISSUER: z.url({ message: 'must be the issuer URL of your identity provider' }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_PROVIDER_NAME: z.string().min(1).default('NHS Care Identity Service 2'),
    OIDC_SCOPES: z.string().min(1).default('openid profile email'),
    OIDC_ORGANISATION_ODS: z.string().min(1).optional(),
    // GOV.UK Notify: its keys are `{key name}-{service id}-{secret}`, the last two UUIDs.
    NOTIFY_API_KEY: z
      .string()
      .regex(
        /-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
        'must be an API key from GOV.UK Notify: its name, then two UUIDs (the service id and the secret)',
      )
      .optional(),
    NOTIFY_BASE_URL: z
      .url({ message: 'must be a full URL such as https://api.notifications.service.gov.uk' })
      .default('https://api.notifications.service.gov.uk'),
    // Notify asks for a bearer token of at least 10 characters to send with each delivery receipt.
    NOTIFY_CALLBACK_TOKEN: z.string().min(10, 'must be at least 10 characters long').optional(),
    // The Notify templates acknowledging feedback given on the public form; without one, no
    // acknowledgement of that kind is queued. Personalisation: reference, organisation_name,
    // feedback_kind, service_name.
    NOTIFY_TEMPLATE_FEEDBACK_ACKNOWLEDGEMENT_EMAIL: z
      .guid({ message: 'must be the id of a GOV.UK Notify email template' })
      .optional(),
    NOTIFY_TEMPLATE_FEEDBACK_ACKNOWLEDGEMENT_SMS: z
      .guid({ message: 'must be the id of a GOV.UK Notify text message template' })
      .optional(),
    // Reminders and overdue alerts to staff by email (cases/alerts.ts); without a template, that
    // kind is not sent. Personalisation: reference, due_date and link (PUBLIC_URL/cases/…), never
    // the complainant's details.
    NOTIFY_TEMPLATE_RESPONSE_REMINDER_EMAIL: z
      .guid({ message: 'must be the id of a GOV.UK Notify email template' })
      .optional(),
    NOTIFY_TEMPLATE_ACKNOWLEDGEMENT_OVERDUE_EMAIL: z
      .guid({ message: 'must be the id of a GOV.UK Notify email template' })
      .optional(),
    NOTIFY_TEMPLATE_RESPONSE_OVERDUE_EMAIL: z
      .guid({ message: 'must be the id of a GOV.UK Notify email template' })
      .optional(),
    NOTIFY_TEMPLATE_TASK_REMINDER_EMAIL: z
      .guid({ message: 'must be the id of a GOV.UK Notify email template' })
      .optional(),
    // Action plans (actions/alerts.ts): reminders before an action is due, overdue alerts, and a
    // weekly digest to each lead. Personalisation: plan, recommendation, due_date and link for the
    // first two; open_count, overdue_count, due_soon_count and link for the digest. No personal data.
    NOTIFY_TEMPLATE_ACTION_REMINDER_EMAIL: z
      .guid({ message: 'must be the id of a GOV.UK Notify email template' })
      .optional(),
    NOTIFY_TEMPLATE_ACTION_OVERDUE_EMAIL: z
      .guid({ message: 'must be the id of a GOV.UK Notify email template' })
      .optional(),
    NOTIFY_TEMPLATE_ACTION_DIGEST_EMAIL: z
      .guid({ message: 'must be the id of a GOV.UK Notify email template' })
      .optional(),
    // The named safeguarding contact (comments/arrivals.ts): a comment flagged on arrival as possibly
    // describing abuse, neglect, self-harm or risk queues an email to this address. Personalisation:
    // concerns, source, received_on and link (PUBLIC_URL/comments/…), never the comment's words.
    // Without both, flagged comments are still flagged, but nobody is emailed.
    SAFEGUARDING_ALERT_EMAIL: z.email({ message: 'must be an email address' }).optional(),
    NOTIFY_TEMPLATE_SAFEGUARDING_ALERT_EMAIL: z
      .guid({ message: 'must be the id of a GOV.UK Notify email template' })
      .optional(),
    // How many working days before an action is due its lead is reminded.
    ACTION_REMINDER_WORKING_DAYS: z.coerce
      .number({ message: 'must be a number of working days' })
      .int('must be a whole number of working days')
      .min(1, 'must be 1 working day or more')
      .max(60, 'must be at most 60 working days')
      .default(5),
    // Survey invitations by text message and email (surveys/invitations.ts); without a template, that
    // channel is not offered. Personalisation: organisation_name, service_name, link, opt_out_link.
    NOTIFY_TEMPLATE_SURVEY_INVITATION_SMS: z
      .guid({ message: 'must be the id of a GOV.UK Notify text message template' })
      .optional(),
    NOTIFY_TEMPLATE_SURVEY_INVITATION_EMAIL: z
      .guid({ message: 'must be the id of a GOV.UK Notify email template' })
      .optional(),
    // The secret key invitations and opt-outs hash each number or address with (HMAC-SHA-256), kept
    // out of the database so that the hashes cannot be reversed by trying every mobile number. Needed
    // with either invitation template; never change it once set, or opt-outs and the once-a-month
    // rule stop matching the contacts they were recorded for.
    INVITATION_HASH_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
    // How many working days before a complaint's response is due its investigator is reminded.
    COMPLAINT_REMINDER_WORKING_DAYS: z.coerce
      .number({ message: 'must be a number of working days' })
      .int('must be a whole number of working days')
      .min(1, 'must be 1 working day or more')
      .max(60, 'must be at most 60 working days')
      .default(5),
    // The largest file that may be attached to a case (cases/attachments.ts). The files are kept in
    // the database, so that a backup holds everything; a limit keeps the backups a sensible size.
    ATTACHMENT_MAX_MEGABYTES: z.coerce
      .number({ message: 'must be a number of megabytes, like 10' })
      .int('must be a whole number of megabytes')
      .min(1, 'must be 1 megabyte or more')
      .max(100, 'must be at most 100 megabytes')
      .default(10),
    // The response date first set for a complaint: a local target, not law (SI 2009/309 reg 14
    // allows 6 months), so each trust chooses its own.
    COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: z.coerce
      .number({ message: 'must be a number of working days' })
      .int('must be a whole number of working days')
      .min(1, 'must be 1 working day or more')
      .max(125, 'must be at most 125 working days (about the 6 months the Regulations allow)')
      .default(25),
  })
  .superRefine((config, ctx) => {
    const oidc = [config.OIDC_ISSUER, config.OIDC_CLIENT_ID, config.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message:
          'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together to use single sign-on',
      });
    }
    const invitations =
      config.NOTIFY_TEMPLATE_SURVEY_INVITATION_SMS || config.NOTIFY_TEMPLATE_SURVEY_INVITATION_EMAIL;
    if (invitations && !config.INVITATION_HASH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['INVITATION_HASH_SECRET'],
        message:
          'must be set (at least 32 random characters) when a survey invitation template is set, so that contacts are hashed with a secret key',
      });
    }
    if (config.DATABASE_URL && !config.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'must be set (at least 32 random characters) when DATABASE_URL is set',
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Heard cannot start because its configuration has problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Reads the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `${issue.path.join('.') || 'configuration'} ${issue.message}`),
  );
}

export function isEmbedded(config: Config): boolean {
  return !config.DATABASE_URL;
}

export function oidcEnabled(config: Config): boolean {
  return Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET);
}
