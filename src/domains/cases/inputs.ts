import { z } from 'zod';
import { isIsoDate } from '#src/domains/calendar/index.ts';
import { Invalid } from '#src/web/errors.ts';
import { channels, feedbackKinds } from './kinds-and-channels.ts';
import { issueOutcomes } from './outcomes.ts';
import { ombudsmanOutcomes, ombudsmanStatuses } from './schema.ts';

// What the cases service accepts, with messages in the design system's voice.

const isoDate = (message: string) => z.string().trim().refine(isIsoDate, message);
/** An optional calendar date: empty is null; anything else must be a real date. */
export const optionalDate = (message: string) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((value) => value || null)
    .refine((value) => value === null || isIsoDate(value), message);
const optionalText = z
  .string()
  .trim()
  .nullish()
  .transform((value) => value || null);
const required = (message: string) => z.string({ error: message }).trim().min(1, message);

/** The staff groups a concern involves (the seed report's Table 11). */
export const concernStaffGroupsSchema = z
  .array(z.string().trim().min(1), { error: 'Select the staff groups involved, or No staff identified' })
  .min(1, 'Select the staff groups involved, or No staff identified');

export const newRecordSchema = z.object({
  kind: z.enum(feedbackKinds, { error: 'Select the kind of feedback' }),
  channel: z.enum(channels, { error: 'Select how it reached us' }),
  unitId: z.uuid({ error: 'Select the service it is about' }),
  /** A concern's staff groups, when they are known as it is logged; a complaint names them per issue. */
  staffGroupCodes: concernStaffGroupsSchema.optional(),
  receivedDate: optionalDate('Enter the date it was received as a real date, like 2017-07-03'),
  eventDate: optionalDate('Enter the date it happened as a real date, like 2017-06-20'),
  noticeDate: optionalDate('Enter the date they found out as a real date, like 2017-06-25'),
  summary: required('Enter a short summary'),
  narrative: optionalText,
  desiredOutcome: optionalText,
  personName: optionalText,
  contactDetails: z
    .object({
      email: z
        .email({ error: 'Enter an email address in the correct format, like name@example.com' })
        .optional(),
      phone: z.string().trim().min(1).optional(),
      address: z.string().trim().min(1).optional(),
      preferredMethod: z.enum(['email', 'phone', 'letter']).optional(),
    })
    .default({}),
  onBehalfOfName: optionalText,
  consentRecorded: z.boolean().nullish(),
  consentDate: optionalDate('Enter the date consent was given as a real date, like 2017-07-03'),
  /** An oral complaint's resolution date, when it was resolved straight away (SI 2009/309 reg 8(1)(c)). */
  resolvedDate: optionalDate('Enter the date it was resolved as a real date, like 2017-07-04'),
  /** Record a complaint under the Regulations even when it was resolved by the next working day. */
  keepAsComplaint: z.boolean().default(false),
  /** Complaints only: KO41a age of patient (reference/ko41a-age-bands.json). */
  patientAgeBandCode: optionalText,
  /** Complaints only: KO41a status of complainant (reference/ko41a-complainant-status.json). */
  complainantStatusCode: optionalText,
});
export type NewRecord = z.input<typeof newRecordSchema>;

export const extensionSchema = z.object({
  agreedOn: z.string().trim(),
  newAgreedDate: z.string().trim(),
  reason: z.string(),
});

export const timeLimitDecisionSchema = z.object({
  complainantHadGoodReason: z.boolean({ error: 'Select whether the complainant had a good reason' }),
  stillPossibleToInvestigateFairly: z.boolean({
    error: 'Select whether it is still possible to investigate fairly',
  }),
  reason: z.string(),
  decidedOn: z.string().trim(),
  decidedBy: required('Enter who made the decision'),
});
export type TimeLimitDecisionInput = z.input<typeof timeLimitDecisionSchema>;

export const newIssueSchema = z.object({
  subjectCode: required('Select the subject'),
  staffGroupCodes: z.array(z.string()).min(1, 'Select the staff groups involved, or No staff identified'),
  unitId: z.uuid({ error: 'Select the service the issue is about' }),
  description: required('Describe the issue'),
  /** KO41a service area (reference/ko41a-service-areas.json); empty or left out is not recorded. */
  serviceAreaCode: optionalText,
  /** KO41a clinical-treatment sub-category, only for the subject clinical treatment. */
  clinicalTreatmentCode: optionalText,
});
export type NewIssue = z.input<typeof newIssueSchema>;

/** An issue's KO41a service area and clinical-treatment sub-category; null clears one. */
export const issueKo41aSchema = z.object({
  serviceAreaCode: optionalText,
  clinicalTreatmentCode: optionalText,
});
export type IssueKo41aInput = z.input<typeof issueKo41aSchema>;

/** What a complaint records for KO41a sections 3 and 4; null clears one. */
export const complaintKo41aSchema = z.object({
  patientAgeBandCode: optionalText,
  complainantStatusCode: optionalText,
});
export type ComplaintKo41aInput = z.input<typeof complaintKo41aSchema>;

export const issueOutcomeSchema = z.enum(issueOutcomes, { error: 'Select upheld or not upheld' }).nullable();

export const closingSchema = z.object({
  responseSentDate: isoDate('Enter the date the response was sent as a real date, like 2017-08-07'),
  signedOffBy: required('Enter who signed the response'),
});

export const resolutionSchema = z.object({
  resolvedDate: isoDate('Enter the date it was resolved as a real date, like 2017-08-07'),
  resolution: required('Enter how it was resolved'),
});

export const withdrawalSchema = z.object({
  withdrawnDate: isoDate('Enter the date it was withdrawn as a real date, like 2017-08-07'),
  reason: required('Enter why the complaint was withdrawn'),
});

export const reopeningSchema = z.object({
  reopenedOn: isoDate('Enter the date it was reopened as a real date, like 2017-08-21'),
  reason: z.string(),
});

export const meetingSchema = z.object({
  meetingDate: isoDate('Enter the date of the meeting as a real date, like 2017-08-01'),
  attendees: required('Enter who attended'),
  notes: optionalText,
});

export const ombudsmanReferralSchema = z.object({
  referredDate: isoDate('Enter the date of the referral as a real date, like 2017-09-01'),
  status: z.enum(ombudsmanStatuses).default('referred'),
});

export const ombudsmanOutcomeSchema = z.object({
  outcome: z.enum(ombudsmanOutcomes, { error: 'Select the Ombudsman’s outcome' }),
  outcomeDate: isoDate('Enter the date of the Ombudsman’s decision as a real date, like 2018-01-15'),
});

export const learningPointSchema = z.object({
  text: required('Enter what was learnt'),
  unitId: z.uuid({ error: 'Select the service' }).optional(),
});

/** The parsed value, or Invalid naming each field with a problem. */
export function parsedOrInvalid<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) fieldErrors[String(issue.path[0] ?? 'case')] ??= issue.message;
  throw new Invalid(Object.values(fieldErrors).join('. '), fieldErrors);
}

/** Throws Invalid naming each field that has a problem; does nothing when none has. */
export function refuseProblems(problems: Record<string, string | null | undefined>): void {
  const fieldErrors = Object.fromEntries(
    Object.entries(problems).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  if (Object.keys(fieldErrors).length > 0)
    throw new Invalid(Object.values(fieldErrors).join('. '), fieldErrors);
}
