import { z } from 'zod';
import { isIsoDate } from '#src/domains/calendar/index.ts';
import { personalDataFields } from './access.ts';
import { channels, feedbackKinds } from './kinds-and-channels.ts';
import { issueOutcomes } from './outcomes.ts';
import { ombudsmanOutcomes, ombudsmanStatuses, recordStatuses } from './schema.ts';

// What /api/v1/cases accepts and answers, described once: these schemas validate each request,
// pick the fields of each response (so nothing else leaks) and become the OpenAPI document.
// Request schemas hold no transforms, so that zod can describe them (and their examples) as sent;
// the cases service trims and checks the rules again.

/** The most cases one page of the list holds. */
export const maximumPageSize = 200;
export const defaultPageSize = 50;

const recordId = '3f6c2a1e-8d4b-4c57-9a0e-2b7d5e1f9c40';
const unitId = '9b1d4e6f-2a3c-4d5e-8f70-1a2b3c4d5e6f';
const issueId = 'c0ffee00-1234-4abc-8def-0123456789ab';

const date = (message: string) => z.string({ error: message }).refine(isIsoDate, message);
const optionalDate = (message: string) => date(message).nullish();
const text = (message: string) => z.string({ error: message }).trim().min(1, message);
const optionalText = z.string({ error: 'Enter text, or leave it out' }).nullish();
const isoDateOut = (description: string) => z.string().describe(`${description}, YYYY-MM-DD`);

/** A KO41a code, or null (or left out) when not recorded. */
const ko41aCode = (field: string) =>
  z.string({ error: `Enter ${field} as a code from its KO41a list, or null when not known` }).nullish();

/** A body that is not a JSON object at all is refused in words, not in zod's. */
const jsonObject = { error: 'Send the request body as a JSON object' };

const personalData =
  'CONFIDENTIAL personal data: returned only to someone who may see the case’s personal data (a complaints and PALS officer, the assigned investigator or an administrator, signed in), never to an API key';

// Requests

export const caseIdParams = z.object({ recordId: z.uuid({ error: 'Enter a case id' }) });
export const issueIdParams = caseIdParams.extend({ issueId: z.uuid({ error: 'Enter an issue id' }) });

export const listCasesQuery = z.object({
  kind: z
    .enum(feedbackKinds, { error: `Kind must be one of ${feedbackKinds.join(', ')}` })
    .optional()
    .describe('Only records of this kind'),
  status: z
    .enum(recordStatuses, { error: `Status must be one of ${recordStatuses.join(', ')}` })
    .optional()
    .describe('Only records with this status'),
  unitId: z
    .uuid({ error: 'Enter the id of a unit, from GET /api/v1/units' })
    .optional()
    .describe('Only records about this unit or a unit below it'),
  receivedFrom: date('Enter receivedFrom as a real date, like 2017-07-01')
    .optional()
    .describe('Only records received on or after this day, YYYY-MM-DD')
    .meta({ examples: ['2017-07-01'] }),
  receivedTo: date('Enter receivedTo as a real date, like 2017-09-30')
    .optional()
    .describe('Only records received on or before this day, YYYY-MM-DD')
    .meta({ examples: ['2017-09-30'] }),
  pageSize: z.coerce
    .number({ error: `Page size must be a whole number from 1 to ${maximumPageSize}` })
    .int(`Page size must be a whole number from 1 to ${maximumPageSize}`)
    .min(1, `Page size must be a whole number from 1 to ${maximumPageSize}`)
    .max(maximumPageSize, `Page size must be a whole number from 1 to ${maximumPageSize}`)
    .default(defaultPageSize)
    .describe(`How many cases a page holds, ${maximumPageSize} at most`),
  cursor: z
    .string()
    .optional()
    .describe('Where the page starts: the nextCursor of the page before. Leave it out for the first page'),
});

const contactDetails = z
  .object({
    email: z.string().optional(),
    phone: z.string().optional(),
    address: z.string().optional(),
    preferredMethod: z.enum(['email', 'phone', 'letter']).optional(),
  })
  .describe(`How the person would like to be contacted. ${personalData}`);

const concernStaffGroupCodes = z
  .array(z.string({ error: 'Enter each staff group as a code' }), {
    error: 'Enter the staff groups involved as a list of codes, or ["none"] for no staff identified',
  })
  .min(1, 'Enter the staff groups involved, or ["none"] for no staff identified');

export const newCaseBody = z
  .object(
    {
      kind: z.enum(feedbackKinds, {
        error: `Enter the kind of feedback: one of ${feedbackKinds.join(', ')}`,
      }),
      channel: z.enum(channels, { error: `Enter how it reached us: one of ${channels.join(', ')}` }),
      unitId: z
        .uuid({ error: 'Enter the id of the service it is about, from GET /api/v1/units' })
        .describe('The unit (service, team or ward) it is about'),
      staffGroupCodes: concernStaffGroupCodes
        .optional()
        .describe(
          'For a concern only: the staff groups involved, codes from reference/staff-groups.json ("none" for no staff identified). ' +
            'A complaint gives them with each issue (POST /cases/{recordId}/issues)',
        ),
      receivedDate: optionalDate('Enter the date it was received as a real date, like 2017-07-03').describe(
        'The day it was received, YYYY-MM-DD; today if left out',
      ),
      eventDate: optionalDate('Enter the date it happened as a real date, like 2017-06-20').describe(
        'When what it is about happened, YYYY-MM-DD. For a complaint the 12-month time limit runs from it',
      ),
      noticeDate: optionalDate('Enter the date they found out as a real date, like 2017-06-25').describe(
        'When it came to the person’s notice, if later than the event, YYYY-MM-DD',
      ),
      summary: text('Enter a short summary').describe(
        'A short description for work queues and reports: no names, no personal details',
      ),
      narrative: optionalText.describe(`The account in the person’s own words. ${personalData}`),
      desiredOutcome: optionalText.describe(`What would put it right, in their words. ${personalData}`),
      personName: optionalText.describe(`Who told us. ${personalData}`),
      contactDetails: contactDetails.optional(),
      onBehalfOfName: optionalText.describe(
        `The patient, when someone else complains for them. ${personalData}`,
      ),
      consentRecorded: z
        .boolean({ error: 'Enter true or false for consentRecorded' })
        .nullish()
        .describe('Whether the patient’s consent to someone complaining for them is recorded'),
      consentDate: optionalDate('Enter the date consent was given as a real date, like 2017-07-03'),
      resolvedDate: optionalDate('Enter the date it was resolved as a real date, like 2017-07-04').describe(
        'For an oral complaint: the day it was resolved to the person’s satisfaction, YYYY-MM-DD',
      ),
      patientAgeBandCode: ko41aCode('patientAgeBandCode').describe(
        'Complaints only: the patient’s age band for the KO41a return, a code from reference/ko41a-age-bands.json; null or left out when not known',
      ),
      complainantStatusCode: ko41aCode('complainantStatusCode').describe(
        'Complaints only: who made the complaint, for the KO41a return, a code from reference/ko41a-complainant-status.json; null or left out when not known',
      ),
      keepAsComplaint: z
        .boolean({ error: 'Enter true or false for keepAsComplaint' })
        .optional()
        .describe(
          'An oral complaint resolved to the person’s satisfaction by the next working day is outside the ' +
            'Complaints Regulations (SI 2009/309 reg 8(1)(c)): it is refused with 422 and errors.keepAsComplaint, ' +
            'offering to record it as a concern instead. Send true to keep it as a complaint all the same',
        ),
    },
    jsonObject,
  )
  .meta({
    examples: [
      {
        kind: 'complaint',
        channel: 'letter',
        unitId,
        receivedDate: '2017-07-03',
        eventDate: '2017-06-20',
        summary: 'Discharge planning and communication with family',
        narrative: 'My father was discharged without his medication…',
        personName: 'Ann Example',
        contactDetails: { email: 'ann@example.com', preferredMethod: 'email' },
      },
    ],
  });

const issueServiceArea = ko41aCode('serviceAreaCode').describe(
  'The issue’s KO41a service area, a code from reference/ko41a-service-areas.json; null or left out when not known',
);
const issueClinicalTreatment = ko41aCode('clinicalTreatmentCode').describe(
  'Only when the subject is clinical-treatment: its KO41a sub-category, a code from reference/ko41a-clinical-treatment.json; null or left out when not known',
);

export const newIssueBody = z
  .object(
    {
      subjectCode: text('Enter the subject: a code from the KO41a subject list').describe(
        'A KO41a subject code (reference/ko41a-subjects.json)',
      ),
      staffGroupCodes: z
        .array(z.string(), { error: 'Enter the staff groups involved, or none for no staff identified' })
        .min(1, 'Enter the staff groups involved, or none for no staff identified')
        .describe('Codes from the staff group list (reference/staff-groups.json)'),
      unitId: z
        .uuid({ error: 'Enter the id of the service the issue is about, from GET /api/v1/units' })
        .describe('The unit this aspect of the complaint is about'),
      description: text('Describe the issue'),
      serviceAreaCode: issueServiceArea,
      clinicalTreatmentCode: issueClinicalTreatment,
    },
    jsonObject,
  )
  .meta({
    examples: [
      {
        subjectCode: 'communications',
        staffGroupCodes: ['nursing'],
        unitId,
        description: 'Family not told about the discharge',
        serviceAreaCode: 'inpatient',
      },
    ],
  });

export const concernStaffGroupsBody = z
  .object(
    {
      staffGroupCodes: concernStaffGroupCodes.describe(
        'The staff groups involved, codes from reference/staff-groups.json ("none" for no staff identified); they replace those recorded before',
      ),
      version: z
        .number({ error: 'Send the case’s version as a whole number, as GET /cases/{recordId} gave it' })
        .int('Send the case’s version as a whole number, as GET /cases/{recordId} gave it')
        .optional()
        .describe(
          'The case’s version as last read (GET /cases/{recordId}); if someone has changed the case since, the change is refused with 409',
        ),
    },
    jsonObject,
  )
  .meta({ examples: [{ staffGroupCodes: ['nursing', 'admin'], version: 2 }] });

export const issueKo41aBody = z
  .object({ serviceAreaCode: issueServiceArea, clinicalTreatmentCode: issueClinicalTreatment }, jsonObject)
  .meta({ examples: [{ serviceAreaCode: 'mental-health', clinicalTreatmentCode: 'mental-health' }] });

export const complaintKo41aBody = z
  .object(
    {
      patientAgeBandCode: ko41aCode('patientAgeBandCode').describe(
        'The patient’s age band, a code from reference/ko41a-age-bands.json; null or left out when not known',
      ),
      complainantStatusCode: ko41aCode('complainantStatusCode').describe(
        'Who made the complaint, a code from reference/ko41a-complainant-status.json; null or left out when not known',
      ),
    },
    jsonObject,
  )
  .meta({ examples: [{ patientAgeBandCode: '75-84', complainantStatusCode: 'relative-or-carer' }] });

export const issueOutcomeBody = z
  .object(
    {
      outcome: z
        .enum(issueOutcomes, { error: 'Enter the outcome: upheld, not-upheld, or null for not decided' })
        .nullable()
        .describe('Upheld or not upheld; null takes a decision back. An issue is never partially upheld'),
    },
    jsonObject,
  )
  .meta({ examples: [{ outcome: 'upheld' }] });

export const acknowledgementBody = z
  .object(
    {
      acknowledgedDate: date('Enter the date it was acknowledged as a real date, like 2017-07-05')
        .optional()
        .describe('The day the complainant was sent the acknowledgement, YYYY-MM-DD; today if left out'),
    },
    jsonObject,
  )
  .meta({ examples: [{ acknowledgedDate: '2017-07-05' }] });

export const extensionBody = z
  .object(
    {
      agreedOn: date('Enter the date the complainant agreed as a real date, like 2017-08-01').describe(
        'The day the complainant agreed the later date, YYYY-MM-DD',
      ),
      newAgreedDate: date('Enter the new response date as a real date, like 2017-08-31').describe(
        'The response date now agreed, YYYY-MM-DD',
      ),
      reason: text('Enter the reason for the extension'),
    },
    jsonObject,
  )
  .meta({
    examples: [{ agreedOn: '2017-08-01', newAgreedDate: '2017-08-31', reason: 'Waiting for a statement' }],
  });

export const closureBody = z
  .object(
    {
      responseSentDate: date('Enter the date the response was sent as a real date, like 2017-08-07').describe(
        'The day the written response was sent, YYYY-MM-DD',
      ),
      signedOffBy: text('Enter who signed the response').describe(
        'The responsible person who signed the response (SI 2009/309 reg 14(2))',
      ),
    },
    jsonObject,
  )
  .meta({ examples: [{ responseSentDate: '2017-08-07', signedOffBy: 'Chief Executive' }] });

export const withdrawalBody = z
  .object(
    {
      withdrawnDate: date('Enter the date it was withdrawn as a real date, like 2017-08-07'),
      reason: text('Enter why the complaint was withdrawn'),
    },
    jsonObject,
  )
  .meta({ examples: [{ withdrawnDate: '2017-08-07', reason: 'Resolved by a phone call' }] });

// Responses

const deadlineStatus = z
  .enum(['done-on-time', 'done-late', 'due', 'overdue'])
  .describe('Done on time, done late, or not done and still due (on the due day too) or overdue');

const deadlines = z
  .object({
    acknowledgementDueDate: isoDateOut('3 working days after receipt (SI 2009/309 reg 13(1))'),
    acknowledgement: deadlineStatus,
    responseDueDate: isoDateOut('The response date in force: the first agreed, moved by any extension'),
    response: deadlineStatus,
    statutoryResponseDate: isoDateOut('The end of the 6-month response period (SI 2009/309 reg 14)'),
  })
  .describe('For a complaint: where its deadlines stand today');

export const caseSummary = z.object({
  recordId: z.uuid(),
  reference: z.string().describe('Unique in the organisation, such as C-2017-00042'),
  kind: z.enum(feedbackKinds),
  channel: z.enum(channels),
  unitId: z.uuid(),
  receivedDate: isoDateOut('The day it was received'),
  eventDate: z.string().nullable(),
  noticeDate: z.string().nullable(),
  summary: z.string(),
  status: z.enum(recordStatuses),
  closedDate: z.string().nullable(),
  investigatorUserId: z.uuid().nullable().describe('For a complaint: the investigator assigned'),
  deadlines: deadlines.nullable(),
});

const caseSummaryExample = {
  recordId,
  reference: 'C-2017-00042',
  kind: 'complaint',
  channel: 'letter',
  unitId,
  receivedDate: '2017-07-03',
  eventDate: '2017-06-20',
  noticeDate: null,
  summary: 'Discharge planning and communication with family',
  status: 'open',
  closedDate: null,
  investigatorUserId: null,
  deadlines: {
    acknowledgementDueDate: '2017-07-06',
    acknowledgement: 'done-on-time',
    responseDueDate: '2017-08-07',
    response: 'due',
    statutoryResponseDate: '2017-12-31',
  },
};

export const caseListResponse = z
  .object({
    cases: z.array(caseSummary).describe('Newest received first. Never personal data'),
    nextCursor: z.string().nullable().describe('Send as cursor for the next page; null on the last page'),
  })
  .meta({ examples: [{ cases: [caseSummaryExample], nextCursor: 'eyJyIjoiMjAxNy0wNy0wMyJ9' }] });

export const issueSchema = z.object({
  issueId: z.uuid(),
  recordId: z.uuid(),
  subjectCode: z.string(),
  staffGroupCodes: z.array(z.string()),
  unitId: z.uuid(),
  description: z.string(),
  outcome: z.enum(issueOutcomes).nullable().describe('Null until decided'),
  serviceAreaCode: z.string().nullable().describe('KO41a service area; null when not recorded'),
  clinicalTreatmentCode: z
    .string()
    .nullable()
    .describe(
      'KO41a clinical-treatment sub-category, for the subject clinical treatment; null when not recorded',
    ),
});

const issueExample = {
  issueId,
  recordId,
  subjectCode: 'communications',
  staffGroupCodes: ['nursing'],
  unitId,
  description: 'Family not told about the discharge',
  outcome: 'upheld',
  serviceAreaCode: 'inpatient',
  clinicalTreatmentCode: null,
};

const overallOutcome = z
  .enum(['upheld', 'partially-upheld', 'not-upheld', 'withdrawn', 'undecided'])
  .describe(
    'Derived from the issues: upheld (every issue), partially upheld (some), not upheld (none); ' +
      'withdrawn; undecided while any issue has no outcome',
  );

const complaint = z.object({
  acknowledgedDate: z.string().nullable(),
  agreedResponseDate: isoDateOut('The response date first agreed, before any extension'),
  responseSentDate: z.string().nullable(),
  signedOffBy: z.string().nullable(),
  withdrawnDate: z.string().nullable(),
  withdrawalReason: z.string().nullable(),
  reopenCount: z.number().int(),
  timeLimitWaived: z.boolean().nullable(),
  ombudsmanReferredDate: z.string().nullable(),
  ombudsmanStatus: z.enum(ombudsmanStatuses).nullable(),
  ombudsmanOutcome: z.enum(ombudsmanOutcomes).nullable(),
  ombudsmanOutcomeDate: z.string().nullable(),
  escalatedFromRecordId: z.uuid().nullable().describe('The PALS concern this complaint grew from'),
  patientAgeBandCode: z.string().nullable().describe('KO41a age of patient; null when not recorded'),
  complainantStatusCode: z
    .string()
    .nullable()
    .describe('KO41a status of complainant; null when not recorded'),
});

const extension = z.object({
  extensionId: z.uuid(),
  previousResponseDate: z.string(),
  newResponseDate: z.string(),
  reason: z.string(),
  agreedWithComplainantOn: z.string(),
});

export const caseDetail = caseSummary
  .extend({
    personalDataWithheld: z
      .array(z.enum(personalDataFields))
      .describe(
        'The personal data fields this case holds that the caller may not see: always those, for an API key',
      ),
    narrative: z.string().nullable().optional().describe(personalData),
    desiredOutcome: z.string().nullable().optional().describe(personalData),
    personName: z.string().nullable().optional().describe(personalData),
    contactDetails: contactDetails.optional(),
    onBehalfOfName: z.string().nullable().optional().describe(personalData),
    consentRecorded: z.boolean().nullable(),
    consentDate: z.string().nullable(),
    complaint: complaint.nullable().describe('What a complaint carries besides; null for other kinds'),
    issues: z.array(issueSchema),
    extensions: z.array(extension),
    overallOutcome: overallOutcome.nullable().describe('For a complaint; null for other kinds'),
    escalatedToRecordId: z.uuid().nullable().describe('For a concern: the complaint it became'),
    staffGroupCodes: z
      .array(z.string())
      .describe(
        'For a concern: the staff groups involved (codes from reference/staff-groups.json); empty until recorded, and for other kinds, whose issues carry them',
      ),
    version: z
      .number()
      .int()
      .describe(
        'Raised by one on every change to the case: send it with a change to have it refused if the case has moved on',
      ),
  })
  .meta({
    examples: [
      {
        ...caseSummaryExample,
        personalDataWithheld: ['narrative', 'personName', 'contactDetails'],
        consentRecorded: null,
        consentDate: null,
        complaint: {
          acknowledgedDate: '2017-07-05',
          agreedResponseDate: '2017-08-07',
          responseSentDate: null,
          signedOffBy: null,
          withdrawnDate: null,
          withdrawalReason: null,
          reopenCount: 0,
          timeLimitWaived: null,
          ombudsmanReferredDate: null,
          ombudsmanStatus: null,
          ombudsmanOutcome: null,
          ombudsmanOutcomeDate: null,
          escalatedFromRecordId: null,
          patientAgeBandCode: '75-84',
          complainantStatusCode: 'relative-or-carer',
        },
        issues: [issueExample],
        extensions: [],
        overallOutcome: 'upheld',
        escalatedToRecordId: null,
        staffGroupCodes: [],
        version: 4,
      },
    ],
  });

export const loggedCaseResponse = caseSummary
  .extend({
    timeLimit: z
      .object({
        status: z.enum(['within', 'outside']),
        lastDay: isoDateOut('The last day the complaint could be made in time'),
        runsFrom: z.enum(['event', 'notice']),
      })
      .nullable()
      .describe(
        'For a complaint with an event date: whether it was made within 12 months (SI 2009/309 reg 12). ' +
          'One made outside needs a recorded decision on waiving the limit',
      ),
  })
  .meta({
    examples: [
      { ...caseSummaryExample, timeLimit: { status: 'within', lastDay: '2018-06-20', runsFrom: 'event' } },
    ],
  });

export const issueResponse = issueSchema.meta({ examples: [issueExample] });

export const issueOutcomeResponse = z
  .object({ issue: issueSchema, overallOutcome })
  .meta({ examples: [{ issue: issueExample, overallOutcome: 'partially-upheld' }] });

export const concernStaffGroupsResponse = z
  .object({
    recordId: z.uuid(),
    reference: z.string(),
    staffGroupCodes: z.array(z.string()),
    version: z.number().int().describe('The case’s version after this change'),
  })
  .meta({
    examples: [{ recordId, reference: 'P-2017-00042', staffGroupCodes: ['nursing', 'admin'], version: 3 }],
  });

export const complaintKo41aResponse = z
  .object({
    recordId: z.uuid(),
    patientAgeBandCode: z.string().nullable(),
    complainantStatusCode: z.string().nullable(),
  })
  .meta({
    examples: [{ recordId, patientAgeBandCode: '75-84', complainantStatusCode: 'relative-or-carer' }],
  });

export const acknowledgementResponse = z
  .object({
    recordId: z.uuid(),
    acknowledgedDate: z.string(),
    onTime: z.boolean().describe('Whether it was within 3 working days of receipt (SI 2009/309 reg 13(1))'),
  })
  .meta({ examples: [{ recordId, acknowledgedDate: '2017-07-05', onTime: true }] });

export const extensionResponse = extension.meta({
  examples: [
    {
      extensionId: 'a1b2c3d4-0000-4000-8000-000000000001',
      previousResponseDate: '2017-08-07',
      newResponseDate: '2017-08-31',
      reason: 'Waiting for a statement',
      agreedWithComplainantOn: '2017-08-01',
    },
  ],
});

export const closureResponse = z
  .object({
    recordId: z.uuid(),
    status: z.enum(recordStatuses),
    closedDate: z.string().nullable(),
    overallOutcome,
    timeliness: z
      .object({
        latestAgreedResponseDate: z.string(),
        withinAgreedTimescale: z.boolean(),
        withinFirstAgreedTimescale: z.boolean(),
        relevantPeriodEnd: z.string(),
        overranStatutoryPeriod: z
          .boolean()
          .describe('Sent after the relevant period: the complainant must be told why in writing'),
      })
      .optional()
      .describe('How the response stood against the agreed dates; for a closure only'),
  })
  .meta({
    examples: [
      {
        recordId,
        status: 'closed',
        closedDate: '2017-08-07',
        overallOutcome: 'partially-upheld',
        timeliness: {
          latestAgreedResponseDate: '2017-08-07',
          withinAgreedTimescale: true,
          withinFirstAgreedTimescale: true,
          relevantPeriodEnd: '2017-12-31',
          overranStatutoryPeriod: false,
        },
      },
    ],
  });
