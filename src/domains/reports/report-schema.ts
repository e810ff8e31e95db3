import { z } from 'zod';
import { ombudsmanOutcomes, ombudsmanStatuses } from '#src/domains/cases/index.ts';
import { assuranceLevels } from './assurance.ts';

// The quarterly report's JSON contract (docs/report-json.md) in zod: the API answers with it, so
// nothing outside the contract leaks, and the OpenAPI document describes it field by field.

const count = z.number().int().min(0);
const percent = z.number().int().min(0).max(100).nullable();
const period = z.object({ code: z.string(), label: z.string(), start: z.string(), end: z.string() });
const byName = z.record(z.string(), count);
const received = z.object({ total: count, previous: count, byLocality: byName, previousByLocality: byName });
const counted = z.object({ count, of: count, percent });
const upheld = z.record(z.string(), z.object({ upheld: count, notUpheld: count, total: count }));
const trend = z.array(z.object({ period: z.string(), label: z.string(), value: count }));
const level = z.enum(assuranceLevels);
const themeCounts = z.array(
  z.object({ theme: z.string(), comments: count, positive: count, negative: count }),
);
const figure = z.object({ responses: count, percentPositive: percent });
const fftComparison = z
  .object({
    setting: z.string(),
    settingName: z.string(),
    peerCodes: z.array(z.string()),
    months: z.array(
      z.object({
        month: z.string(),
        label: z.string(),
        trust: figure.nullable(),
        peers: z.array(
          z.object({
            odsCode: z.string(),
            name: z.string(),
            responses: count.nullable(),
            percentPositive: percent,
          }),
        ),
        national: figure.extend({ source: z.enum(['published', 'computed']), providers: count }).nullable(),
      }),
    ),
    notYetPublished: z.array(z.string()),
  })
  .nullable()
  .describe('Null when no peer trusts are configured or nothing is published for the quarter');
const rate = z.number().min(0).nullable();
const spc = z.object({
  measure: z.string(),
  improvement: z.enum(['up', 'down', 'neither']),
  mean: z.number(),
  lowerProcessLimit: z.number(),
  upperProcessLimit: z.number(),
  variation: z.string(),
  assurance: z.string(),
  target: z.number().nullable(),
  points: z.array(
    z.object({
      period: z.string(),
      label: z.string(),
      value: z.number(),
      specialCauses: z.array(z.string()),
    }),
  ),
});

export const quarterlyReportSchema = z.object({
  contract: z.object({ name: z.literal('heard/quarterly-report'), version: z.literal(1) }),
  organisation: z.object({ name: z.string(), odsCode: z.string() }),
  generatedAt: z.string(),
  period,
  previousPeriod: period,
  complaints: z.object({
    received,
    acknowledgedWithinTarget: counted.extend({ pending: count, previousPercent: percent }),
    closedWithinAgreedTimescale: counted.extend({ pending: count, previousPercent: percent }),
    closed: count,
    previousClosed: count,
    outcomes: z.object({ upheld: count, partiallyUpheld: count, notUpheld: count, withdrawn: count }),
    outcomePercents: z.object({
      upheld: percent,
      partiallyUpheld: percent,
      notUpheld: percent,
      withdrawn: percent,
    }),
    outcomeNotRecorded: count,
    reopened: count,
    localResolutionMeetings: count,
    phsoReferrals: count,
    previous: z.object({ reopened: count, localResolutionMeetings: count, phsoReferrals: count }),
    staffGroups: upheld,
    subjects: upheld,
    trend,
  }),
  concerns: z.object({
    received,
    escalatedToComplaint: counted.extend({ previousPercent: percent }),
    staffGroups: z
      .record(z.string(), z.object({ count, percent }))
      .describe(
        'Concerns received in the quarter by the staff groups they name (Table 11); a concern naming two counts under each, and percents are of all the groups named',
      ),
    themes: themeCounts
      .nullable()
      .describe('The themes of the coded narratives of concerns received in the quarter'),
    trend,
  }),
  compliments: z.object({
    total: count,
    previous: count,
    byLocality: byName,
    previousByLocality: byName,
    trend,
    samples: z
      .array(
        z.object({
          locality: z.string(),
          unit: z.string().nullable(),
          receivedOn: z.string(),
          text: z.string(),
        }),
      )
      .nullable(),
  }),
  contactRates: z
    .object({
      contactsSource: z.literal('fft-eligible'),
      quarters: z.array(
        z.object({
          period: z.string(),
          label: z.string(),
          contacts: count.nullable(),
          complaints: count,
          compliments: count,
          complaintsPer1000: rate,
          complimentsPer1000: rate,
        }),
      ),
    })
    .nullable(),
  otherContacts: z.object({ total: count, previous: count }),
  ombudsman: z.object({
    referred: count,
    referredByStatus: z.record(z.enum(ombudsmanStatuses), count),
    decided: count,
    decisionsByOutcome: z.record(z.enum(ombudsmanOutcomes), count),
    summary: z.string(),
  }),
  fft: z
    .object({
      scale: z.string(),
      months: z.array(
        z.object({
          month: z.string(),
          label: z.string(),
          responses: count,
          percentPositive: percent,
          percentNegative: percent,
        }),
      ),
      quarter: z.object({ responses: count, percentPositive: percent, percentNegative: percent }),
      previousQuarter: z.object({ responses: count, percentPositive: percent }),
      staff: z.object({ responses: count, percentPositive: percent }).nullable(),
      comparison: fftComparison,
    })
    .nullable()
    .describe('Null when the organisation has no FFT responses in the quarter'),
  qualitySurvey: z
    .array(
      z.object({
        code: z.string(),
        question: z.string(),
        target: percent,
        responses: count,
        positive: count,
        percentPositive: percent,
        met: z.boolean().nullable(),
        byLocality: z.record(z.string(), z.object({ responses: count, positive: count })),
      }),
    )
    .nullable()
    .describe('Null when the quality survey has no responses in the quarter'),
  childrenSurvey: z
    .array(
      z.object({
        group: z.string(),
        responses: count,
        positive: count,
        percentPositive: percent,
        previous: z.object({ responses: count, positive: count, percentPositive: percent }).nullable(),
      }),
    )
    .nullable()
    .describe('Null when the children’s questionnaires have no responses in the quarter'),
  themes: z.object({ top: themeCounts }).nullable(),
  actions: z
    .object({
      learningThemes: z.array(
        z.object({
          quarter: z.string(),
          text: z.string(),
          status: z.enum(['seeking-plans', 'assured']),
          responses: z.array(
            z.object({
              locality: z.string(),
              actionPlan: z.string().nullable(),
              assuranceReceivedDate: z.string().nullable(),
            }),
          ),
        }),
      ),
      overdue: count,
      completed: count,
      youSaidWeDid: z.array(
        z.object({
          unit: z.string().nullable(),
          youSaid: z.string(),
          weDid: z.string(),
          assuranceLevel: z.string(),
          publishedOn: z.string(),
        }),
      ),
    })
    .nullable(),
  pending: z.array(z.string()),
  assessments: z.array(
    z.object({
      key: z.string(),
      measure: z.string(),
      name: z.string(),
      locality: z.string().nullable(),
      unit: z.enum(['count', 'percent']),
      value: z.number().nullable(),
      previous: z.number().nullable(),
      direction: z.enum(['up', 'similar', 'down']).nullable(),
      interpretation: z.string(),
      assurance: z.object({
        level,
        source: z.enum(['rule', 'officer']),
        proposed: z.object({ level, reason: z.string() }),
        override: z
          .object({ level, reason: z.string(), decidedBy: z.string(), decidedAt: z.string() })
          .nullable(),
      }),
    }),
  ),
  spc: z.object({ complaintsReceived: spc, complimentsReceived: spc }),
});
