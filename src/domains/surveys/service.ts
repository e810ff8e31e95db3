import { randomUUID } from 'node:crypto';
import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import {
  type ArrivalCoding,
  type CommentArrival,
  codeArrivingComments,
} from '#src/domains/comments/index.ts';
import { Conflict, Invalid, NotFound } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import { type AnswerRow, checkAnswers, questionText, type SubmittedAnswers } from './answers.ts';
import {
  definitionSchema,
  fftKinds,
  type ResponseMode,
  responseModes,
  type SurveyDefinition,
  type SurveyVariant,
  surveyVariants,
} from './definition.ts';
import {
  copyResponses,
  orderedIds,
  type QueueLookups,
  type StagedAnswer,
  type StagedResponse,
} from './import-store.ts';
import {
  allSurveys,
  currentVersion,
  type FreeTextRow,
  freeTextRows,
  insertAnswers,
  insertResponseOnce,
  insertSurvey,
  insertVersion,
  latestVersion,
  responseIdOfSubmission,
  type SurveyRow,
  storedSubmissionIds,
  surveyByCode,
  upsertEligibleCount,
  versionsOf,
} from './queries.ts';
import { optionSets, surveyTemplates, translationLanguages } from './reference.ts';

export type { SurveyRow, SurveyVersionRow } from './queries.ts';

/** Creates the built-in surveys (reference/surveys/templates.json) the organisation does not have yet; returns their codes. */
export async function installSurveyTemplates(db: Database, orgId: string, actor: Actor): Promise<string[]> {
  return withOrg(db, orgId, async (tx) => {
    const installed: string[] = [];
    for (const template of surveyTemplates()) {
      if (await surveyByCode(tx, template.code)) continue;
      const survey = await insertSurvey(tx, {
        orgId,
        code: template.code,
        name: template.name,
        purpose: template.purpose,
        frequency: template.frequency,
        variants: template.variants,
        responseRateTarget: template.responseRateTarget ?? null,
      });
      for (const [index, definition] of template.versions.entries()) {
        await insertVersion(tx, {
          orgId,
          surveyId: survey.surveyId,
          version: index + 1,
          published: true,
          publishedAt: new Date(),
          definition,
        });
      }
      await recordAudit(tx, orgId, actor, {
        action: 'survey.created',
        entityType: 'survey',
        entityId: survey.surveyId,
        after: { code: template.code, name: template.name, versions: template.versions.length },
      });
      installed.push(template.code);
    }
    return installed;
  });
}

export function listSurveys(db: Database, orgId: string): Promise<SurveyRow[]> {
  return withOrg(db, orgId, (tx) => allSurveys(tx));
}

export interface PublishedSurvey {
  survey: SurveyRow;
  version: number;
  definition: SurveyDefinition;
}

async function requirePublished(tx: OrgTransaction, code: string): Promise<PublishedSurvey> {
  const survey = await surveyByCode(tx, code);
  const version = survey ? await currentVersion(tx, survey.surveyId) : null;
  if (!survey || !version) throw new NotFound('There is no survey at this address.');
  return { survey, version: version.version, definition: version.definition };
}

/** The survey and the version people answer now. */
export function publishedSurvey(db: Database, orgId: string, code: string): Promise<PublishedSurvey> {
  return withOrg(db, orgId, (tx) => requirePublished(tx, code));
}

export function surveyVersions(db: Database, orgId: string, code: string) {
  return withOrg(db, orgId, async (tx) => {
    const survey = await surveyByCode(tx, code);
    if (!survey) throw new NotFound('There is no survey with that code.');
    return { survey, versions: await versionsOf(tx, survey.surveyId) };
  });
}

/**
 * Changes a survey's questions. A published version is never changed: the change becomes the next
 * version, published at once, and the responses already given keep the version they answered.
 */
export async function editSurvey(
  db: Database,
  orgId: string,
  actor: Actor,
  code: string,
  changed: SurveyDefinition,
): Promise<{ version: number }> {
  const parsed = definitionSchema.safeParse(changed);
  if (!parsed.success) throw new Invalid(parsed.error.issues[0]?.message ?? 'The questions cannot be used');
  return withOrg(db, orgId, async (tx) => {
    const survey = await surveyByCode(tx, code);
    if (!survey) throw new NotFound('There is no survey with that code.');
    const latest = await latestVersion(tx, survey.surveyId);
    const version = (latest?.version ?? 0) + 1;
    await insertVersion(tx, {
      orgId,
      surveyId: survey.surveyId,
      version,
      published: true,
      publishedAt: new Date(),
      definition: parsed.data,
    });
    await recordAudit(tx, orgId, actor, {
      action: 'survey.version-published',
      entityType: 'survey',
      entityId: survey.surveyId,
      before: latest ? { version: latest.version, definition: latest.definition } : null,
      after: { version, definition: parsed.data },
    });
    return { version };
  });
}

export interface NewResponse {
  surveyCode: string;
  unitId: string;
  variant: SurveyVariant;
  language: string;
  mode: ResponseMode;
  /** The day it was answered, YYYY-MM-DD. */
  responseDate: string;
  /** Made by the sender, unique in the organisation: a retried submission is stored once. */
  submissionId: string;
  answers: SubmittedAnswers;
  /** Answer an older version (a paper form or a vendor's file); the current one when absent. */
  version?: number;
}

export interface RecordedResponse {
  responseId: string;
  /** True when this submission id was already stored: nothing new was written. */
  duplicate: boolean;
}

const submissionIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;
export const isSubmissionId = (value: unknown): value is string =>
  typeof value === 'string' && submissionIdPattern.test(value);
export const newSubmissionId = () => randomUUID();

/** Thrown with each question's problem when answers cannot be stored. */
export class AnswersInvalid extends Invalid {
  constructor(readonly problems: Record<string, string>) {
    super('Check your answers', problems);
  }
}

/**
 * Stores one response and its answers, with its audit event, in one transaction: it is in the
 * database before anyone is told it was received. Storing the same submission id again stores
 * nothing and answers as the first time did.
 */
export async function recordResponse(
  db: Database,
  orgId: string,
  actor: Actor,
  response: NewResponse,
  coding: ArrivalCoding = {},
): Promise<RecordedResponse> {
  if (!isSubmissionId(response.submissionId)) throw new Invalid('The submission id is missing or malformed');
  if (!responseModes.includes(response.mode))
    throw new Invalid(`Mode must be one of ${responseModes.join(', ')}`);
  if (!surveyVariants.includes(response.variant)) throw new Invalid('That variant does not exist');
  const language =
    response.language === 'en' || (translationLanguages as readonly string[]).includes(response.language)
      ? response.language
      : 'en';
  return withOrg(db, orgId, async (tx) => {
    const existing = await responseIdOfSubmission(tx, response.submissionId);
    if (existing) return { responseId: existing, duplicate: true };
    const published = await requirePublished(tx, response.surveyCode);
    const { survey } = published;
    if (!survey.variants.includes(response.variant))
      throw new Invalid(`${survey.name} has no ${response.variant} variant`);
    const definition = response.version
      ? (await versionsOf(tx, survey.surveyId)).find((row) => row.version === response.version)?.definition
      : published.definition;
    if (!definition) throw new Invalid(`${survey.name} has no version ${response.version}`);
    const checked = checkAnswers(definition, response.variant, response.answers);
    if (Object.keys(checked.problems).length > 0) throw new AnswersInvalid(checked.problems);
    const responseId = await insertResponseOnce(tx, {
      orgId,
      surveyId: survey.surveyId,
      version: response.version ?? published.version,
      unitId: response.unitId,
      variant: response.variant,
      language,
      mode: response.mode,
      responseDate: response.responseDate,
      submissionId: response.submissionId,
      fftQuestion: checked.fft?.questionCode ?? null,
      fftScale: checked.fft?.scale ?? null,
      fftAnswer: checked.fft?.answer ?? null,
    });
    // Another transaction stored the same submission between our look-up and our insert.
    if (!responseId) {
      const stored = await responseIdOfSubmission(tx, response.submissionId);
      if (!stored) throw new Conflict('The response could not be stored; send it again');
      return { responseId: stored, duplicate: true };
    }
    await insertAnswers(tx, answerRows(orgId, responseId, checked.rows));
    // Each free-text answer is coded as it arrives, in this transaction: stored together or not at all.
    await codeArrivingComments(
      tx,
      orgId,
      actor,
      commentArrivals(definition, response, responseId, checked),
      coding,
    );
    // Ids and the mode only: the person's words stay out of the append-only trail.
    await recordAudit(tx, orgId, actor, {
      action: 'survey.response-received',
      entityType: 'survey_response',
      entityId: responseId,
      after: { survey: survey.code, unitId: response.unitId, mode: response.mode, variant: response.variant },
    });
    return { responseId, duplicate: false };
  });
}

export interface BulkResult {
  stored: number;
  /** Submission ids already stored, so skipped: importing the same file twice adds nothing. */
  alreadyStored: number;
  /** Responses refused, by their position in the batch, with each question's problem. */
  refused: { index: number; submissionId: string; problems: Record<string, string> }[];
}

/**
 * Stores a batch of responses to one survey (paper returns, a vendor's file, the demo) in one
 * transaction with one audit event naming how many: each checked as recordResponse checks one, and
 * any whose submission id is already stored skipped. Responses that fail their checks are reported,
 * not stored; the rest are. A dry run checks everything and stores nothing ("stored" then counts
 * what would be).
 */
export async function recordResponsesInBulk(
  db: Database,
  orgId: string,
  actor: Actor,
  surveyCode: string,
  responses: readonly Omit<NewResponse, 'surveyCode'>[],
  {
    dryRun = false,
    coding = {},
    codeComments = 'now',
  }: {
    dryRun?: boolean;
    coding?: ArrivalCoding;
    /**
     * 'now' codes the free text in this transaction (a vendor's batch, the demo); 'later' puts it
     * on the comments' queue for the coding job, so that a large import is not held up by coding.
     */
    codeComments?: 'now' | 'later';
  } = {},
): Promise<BulkResult> {
  return withOrg(db, orgId, async (tx) => {
    const published = await requirePublished(tx, surveyCode);
    const versions = new Map(
      (await versionsOf(tx, published.survey.surveyId)).map((row) => [row.version, row.definition]),
    );
    // A dry run asks which submissions are stored already; a real one lets the insert's
    // ON CONFLICT find them, and counts as already stored every checked response it skipped.
    const already = dryRun
      ? await storedSubmissionIds(
          tx,
          responses.map((response) => response.submissionId),
        )
      : new Set<string>();
    const refused: BulkResult['refused'] = [];
    const responseRows: StagedResponse[] = [];
    const answerRowsToStore: StagedAnswer[] = [];
    const arrivals: CommentArrival[] = [];
    const seen = new Set<string>();
    let alreadyStored = 0;
    const { survey } = published;
    const ids = orderedIds(responses.length);
    const later = codeComments === 'later';
    for (const [index, response] of responses.entries()) {
      if (already.has(response.submissionId) || seen.has(response.submissionId)) {
        alreadyStored += 1;
        continue;
      }
      const version = response.version ?? published.version;
      const definition = versions.get(version);
      const problems: Record<string, string> = {};
      if (!isSubmissionId(response.submissionId))
        problems.submissionId = 'The submission id is missing or malformed';
      if (!definition) problems.version = `${survey.name} has no version ${version}`;
      if (!survey.variants.includes(response.variant))
        problems.variant = `${survey.name} has no ${response.variant} variant`;
      if (!responseModes.includes(response.mode))
        problems.mode = `Mode must be one of ${responseModes.join(', ')}`;
      const checked = definition ? checkAnswers(definition, response.variant, response.answers) : null;
      if (checked)
        for (const question in checked.problems) problems[question] = checked.problems[question] ?? '';
      if (!checked || !definition || !isEmpty(problems)) {
        refused.push({ index, submissionId: response.submissionId, problems });
        continue;
      }
      seen.add(response.submissionId);
      const responseId = ids[index] ?? randomUUID();
      responseRows.push({
        responseId,
        submissionId: response.submissionId,
        unitId: response.unitId,
        version,
        variant: response.variant,
        language: response.language ?? 'en',
        mode: response.mode,
        responseDate: response.responseDate,
        fftQuestion: checked.fft?.questionCode ?? null,
        fftScale: checked.fft?.scale ?? null,
        fftAnswer: checked.fft?.answer ?? null,
      });
      for (const row of checked.rows) answerRowsToStore.push({ responseId, ...row });
      if (!later) arrivals.push(...commentArrivals(definition, response, responseId, checked));
    }
    if (dryRun) return { stored: responseRows.length, alreadyStored, refused };
    const { stored, ids: storedIds } = await copyResponses(
      tx,
      orgId,
      survey.surveyId,
      {
        responses: responseRows,
        answers: answerRowsToStore,
        queue: later ? queueLookups(versions, responseRows) : undefined,
      },
      { withIds: !later },
    );
    alreadyStored += responseRows.length - stored;
    // The free text of the responses stored (not those a retry already stored) is coded in memory
    // and inserted in chunks, in the same transaction, unless it waits for the coding job.
    if (!later)
      await codeArrivingComments(
        tx,
        orgId,
        actor,
        arrivals.filter((arrival) => storedIds.has(responseIdOfSource(arrival.sourceId))),
        coding,
      );
    if (stored > 0) {
      await recordAudit(tx, orgId, actor, {
        action: 'survey.responses-received-in-bulk',
        entityType: 'survey',
        entityId: survey.surveyId,
        after: { survey: surveyCode, stored, alreadyStored, refused: refused.length },
      });
    }
    return { stored, alreadyStored, refused };
  });
}

/** A survey answer's comment names its source as response id, colon, question code (as the queue's rows do). */
const responseIdOfSource = (sourceId: string) => sourceId.slice(0, sourceId.indexOf(':'));

const isEmpty = (record: Record<string, string>) => {
  for (const _ in record) return false;
  return true;
};

/**
 * What the database needs to queue the free text of `responses` as comments, as commentArrivals
 * would make them: each question's wording for every version and variant the responses answered,
 * and the score of each FFT answer.
 */
function queueLookups(
  versions: ReadonlyMap<number, SurveyDefinition>,
  responses: readonly Pick<StagedResponse, 'version' | 'variant'>[],
): QueueLookups {
  const answered = new Set(responses.map((response) => `${response.version}\u0000${response.variant}`));
  const wordings: QueueLookups['wordings'][number][] = [];
  for (const pair of answered) {
    const [versionText, variant] = pair.split('\u0000') as [string, SurveyVariant];
    const version = Number(versionText);
    const definition = versions.get(version);
    if (!definition) continue;
    for (const question of definition.questions)
      wordings.push({
        version,
        variant,
        questionCode: question.code,
        wording: wordingOf(definition, question.code, variant),
      });
  }
  const fftScores = fftKinds.flatMap((scale) =>
    (optionSets()[scale] ?? []).flatMap((option) => {
      const score = fftScoreOf({ scale, answer: option.code });
      return score === null ? [] : [{ scale, answer: option.code, score }];
    }),
  );
  return { wordings, fftScores };
}

/**
 * The free-text answers of one response as comments: one per question, with the question as the
 * person saw it and the FFT answer given beside it (1 for the scale's first option … 6 for Don't
 * know), which the theme and sentiment models take into account.
 */
function commentArrivals(
  definition: SurveyDefinition,
  response: Pick<NewResponse, 'unitId' | 'variant' | 'responseDate'>,
  responseId: string,
  checked: ReturnType<typeof checkAnswers>,
): CommentArrival[] {
  const arrivals: CommentArrival[] = [];
  let fftScore: number | null | undefined;
  for (const row of checked.rows) {
    // Checked free text is trimmed already: empty text has no row.
    if (!row.freeText) continue;
    fftScore ??= fftScoreOf(checked.fft);
    arrivals.push({
      source: 'survey-answer',
      sourceId: `${responseId}:${row.questionCode}`,
      unitId: response.unitId,
      receivedOn: response.responseDate,
      question: wordingOf(definition, row.questionCode, response.variant),
      fftScore,
      text: row.freeText,
    });
  }
  return arrivals;
}

// A question's wording as a variant shows it, worked out once per version, variant and question.
const wordings = new WeakMap<SurveyDefinition, Map<string, string>>();
function wordingOf(definition: SurveyDefinition, questionCode: string, variant: SurveyVariant): string {
  let known = wordings.get(definition);
  if (!known) {
    known = new Map();
    wordings.set(definition, known);
  }
  const key = `${variant}\u0000${questionCode}`;
  let wording = known.get(key);
  if (wording === undefined) {
    const question = definition.questions.find((candidate) => candidate.code === questionCode);
    wording = question ? questionText(question, variant) : questionCode;
    known.set(key, wording);
  }
  return wording;
}

function fftScoreOf(
  fft: Pick<NonNullable<ReturnType<typeof checkAnswers>['fft']>, 'scale' | 'answer'> | null,
): number | null {
  if (!fft) return null;
  const position = optionSets()[fft.scale]?.findIndex((option) => option.code === fft.answer) ?? -1;
  return position >= 0 && position < 6 ? position + 1 : null;
}

const answerRows = (orgId: string, responseId: string, rows: AnswerRow[]) =>
  rows.map((row) => ({ orgId, responseId, ...row }));

/** Records how many people a unit could have asked in a month (the response rate's denominator). */
export async function setEligibleCount(
  db: Database,
  orgId: string,
  actor: Actor,
  entry: { surveyCode: string; unitId: string; month: string; eligible: number },
) {
  if (!/^\d{4}-\d{2}$/.test(entry.month)) throw new Invalid('Enter the month as YYYY-MM, like 2017-09');
  if (!Number.isInteger(entry.eligible) || entry.eligible < 0)
    throw new Invalid('Enter the number of people as a whole number, like 120');
  await withOrg(db, orgId, async (tx) => {
    const survey = await surveyByCode(tx, entry.surveyCode);
    if (!survey) throw new NotFound('There is no survey with that code.');
    const row = {
      orgId,
      surveyId: survey.surveyId,
      unitId: entry.unitId,
      month: `${entry.month}-01`,
      eligible: entry.eligible,
    };
    await upsertEligibleCount(tx, row);
    await recordAudit(tx, orgId, actor, {
      action: 'survey.eligible-count-set',
      entityType: 'survey',
      entityId: survey.surveyId,
      after: { unitId: entry.unitId, month: entry.month, eligible: entry.eligible },
    });
  });
}

/** Records many months' eligible counts at once (an import, the demo) in one transaction with one audit event. */
export async function setEligibleCounts(
  db: Database,
  orgId: string,
  actor: Actor,
  surveyCode: string,
  entries: readonly { unitId: string; month: string; eligible: number }[],
) {
  const bad = entries.find(
    (entry) => !/^\d{4}-\d{2}$/.test(entry.month) || !Number.isInteger(entry.eligible) || entry.eligible < 0,
  );
  if (bad)
    throw new Invalid(
      `Eligible counts need a month as YYYY-MM and a whole number: ${bad.month}, ${bad.eligible}`,
    );
  await withOrg(db, orgId, async (tx) => {
    const survey = await surveyByCode(tx, surveyCode);
    if (!survey) throw new NotFound('There is no survey with that code.');
    for (const entry of entries) {
      await upsertEligibleCount(tx, {
        orgId,
        surveyId: survey.surveyId,
        unitId: entry.unitId,
        month: `${entry.month}-01`,
        eligible: entry.eligible,
      });
    }
    await recordAudit(tx, orgId, actor, {
      action: 'survey.eligible-counts-set',
      entityType: 'survey',
      entityId: survey.surveyId,
      after: { entries: entries.length },
    });
  });
}

/** A free-text survey answer as the comments domain takes it: where, when, to which question and with what FFT answer. */
export interface FreeTextAnswer {
  responseId: string;
  surveyCode: string;
  unitId: string;
  responseDate: string;
  questionCode: string;
  questionText: string;
  text: string;
  language: string;
  /** The FFT scale and answer given on the same response, when the survey asks it. */
  fftScale: string | null;
  fftAnswer: string | null;
  /** How that FFT answer counts (DESIGN.md §3): positive, negative, or neither ("Don't know" included). */
  fftRating: 'positive' | 'negative' | 'neither' | null;
}

/** Free-text answers given between two dates (inclusive), oldest first: the comments domain's source. */
export function listFreeTextAnswers(
  db: Database,
  orgId: string,
  { since, until, limit = 1000 }: { since: string; until: string; limit?: number },
): Promise<FreeTextAnswer[]> {
  return withOrg(db, orgId, async (tx) =>
    (await freeTextRows(tx, { since, until, limit })).map(freeTextAnswerOf),
  );
}

function freeTextAnswerOf(row: FreeTextRow): FreeTextAnswer {
  const question = row.definition.questions.find((candidate) => candidate.code === row.questionCode);
  return {
    responseId: row.responseId,
    surveyCode: row.surveyCode,
    unitId: row.unitId,
    responseDate: row.responseDate,
    questionCode: row.questionCode,
    questionText: question ? questionText(question, row.variant as SurveyVariant) : row.questionCode,
    text: row.freeText,
    language: row.language,
    fftScale: row.fftScale,
    fftAnswer: row.fftAnswer,
    fftRating: fftRatingOf(row.fftScale, row.fftAnswer),
  };
}

function fftRatingOf(scale: string | null, answer: string | null): FreeTextAnswer['fftRating'] {
  if (!scale || !answer) return null;
  const option = optionSets()[scale]?.find((candidate) => candidate.code === answer);
  if (!option) return null;
  return option.positive ? 'positive' : option.negative ? 'negative' : 'neither';
}
