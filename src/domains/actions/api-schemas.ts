import { z } from 'zod';
import {
  actionStatuses,
  assuranceLevels,
  cqcRequirements,
  keyQuestions,
  planSources,
  shownStatuses,
  visitTypes,
} from './words.ts';

// What /api/v1/action-plans and /api/v1/actions accept and answer, described once: these schemas
// validate each request, pick the fields of each response (so nothing else leaks: a plan's link
// to the feedback that prompted it, who created it and an evidence file's bytes stay out) and
// become the OpenAPI document. Plans and actions hold no personal data.

const planId = '5a0f7c3e-1b2d-4e6f-8a9b-0c1d2e3f4a5b';
const actionId = '7d2e9f10-3c4b-4a5d-9e6f-1a2b3c4d5e6f';
const isoDateOut = (description: string) => z.string().describe(`${description}, YYYY-MM-DD`);
const jsonObject = { error: 'Send the request body as a JSON object' };

// Requests

export const planIdParams = z.object({
  planId: z.uuid({ error: 'Enter an action plan id, from GET /api/v1/action-plans' }),
});
export const actionIdParams = z.object({
  actionId: z.uuid({ error: 'Enter an action id, from GET /api/v1/action-plans/{planId}' }),
});

export const actionStatusBody = z.object(
  {
    version: z
      .number({ error: 'Send the action’s version, as Heard last gave it' })
      .int()
      .min(1)
      .describe('The action’s version as last read; a change by someone else since is refused with 409'),
    status: z
      .enum(actionStatuses, { error: `Status must be one of ${actionStatuses.join(', ')}` })
      .describe(
        'Completing needs evidence or an account of what was done; overdue is worked out, never sent',
      ),
    actionCompleted: z
      .string({ error: 'Enter what has been done as text, or leave it out' })
      .max(10_000)
      .optional()
      .describe('What has been done so far'),
    furtherAction: z
      .string({ error: 'Enter what is still to do as text, or leave it out' })
      .max(10_000)
      .optional()
      .describe('What is still to do'),
  },
  jsonObject,
);

export const evidenceNoteBody = z.object(
  {
    note: z
      .string({ error: 'Enter the evidence' })
      .max(10_000, 'The evidence must be 10,000 characters or fewer')
      .describe('What shows the action was done, in words; no personal details')
      .meta({ examples: ['Audit of 20 discharges in March: all plans shared with the family'] }),
  },
  jsonObject,
);

// Responses

const statusCounts = z.object({
  'not-started': z.number().int(),
  'in-progress': z.number().int(),
  overdue: z.number().int(),
  completed: z.number().int(),
  total: z.number().int(),
});

export const planProgressOut = z.object({
  counts: statusCounts.describe('Actions by status; overdue is worked out from the due date in England'),
  percentComplete: z
    .number()
    .int()
    .nullable()
    .describe('Completed as a whole percentage; null with no actions'),
  byKeyQuestion: z
    .array(
      z.object({
        keyQuestion: z.enum(keyQuestions),
        counts: statusCounts,
        mustDo: statusCounts,
        shouldDo: statusCounts,
      }),
    )
    .describe('For a CQC plan: each key question, with its must-do and should-do actions apart'),
});

export const planSummary = z.object({
  planId: z.uuid().meta({ examples: [planId] }),
  name: z.string(),
  source: z.enum(planSources),
  visitType: z.enum(visitTypes).nullable(),
  unitId: z.uuid().nullable().describe('The unit the plan is for; null for the whole organisation'),
  sourceDescription: z.string().nullable(),
  reportedTo: z.string().nullable().describe('The committee the plan reports to'),
  assuranceLevel: z.enum(assuranceLevels).nullable(),
  assuranceReason: z.string().nullable(),
  progress: planProgressOut,
});

export const planListResponse = z.object({ plans: z.array(planSummary) });

export const actionOut = z.object({
  actionId: z.uuid().meta({ examples: [actionId] }),
  planId: z.uuid(),
  recommendationId: z.uuid(),
  version: z.number().int().describe('Send it back to change the action'),
  lead: z.string().nullable().describe('The lead’s name in Heard, or the role the plan names'),
  actionCompleted: z.string().nullable(),
  furtherAction: z.string().nullable(),
  dueDate: isoDateOut('When it is due').nullable(),
  dueDatePrecision: z.enum(['day', 'month']).describe('month: the plan gave only a month, due by its end'),
  methodOfMeasurement: z.string().nullable(),
  outcomeIndicator: z.string().nullable(),
  reportedTo: z.string().nullable(),
  status: z.enum(actionStatuses).describe('As recorded'),
  shownStatus: z.enum(shownStatuses).describe('As shown: overdue when not completed after its due date'),
  completedDate: isoDateOut('When it was completed').nullable(),
  reopenedOn: isoDateOut('When it was last reopened').nullable(),
  reopenReason: z.string().nullable(),
  cqcRequirement: z.enum(cqcRequirements).nullable(),
  keyQuestion: z.enum(keyQuestions).nullable(),
  unitId: z.uuid().nullable(),
  assuranceLevel: z.enum(assuranceLevels).nullable(),
  assuranceReason: z.string().nullable(),
});

export const planDetail = planSummary.extend({
  recommendations: z.array(
    z.object({
      recommendationId: z.uuid(),
      number: z.string(),
      text: z.string(),
      actions: z.array(actionOut),
    }),
  ),
});

export const evidenceOut = z.object({
  evidenceId: z.uuid(),
  actionId: z.uuid(),
  note: z.string().nullable(),
  addedByName: z.string(),
  createdAt: z.date(),
});
