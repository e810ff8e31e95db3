import { z } from 'zod';
import { acceptanceRate } from '../coding.ts';
import type { ExplorerFilters, ExplorerRow, ThemeMonthCount } from '../explorer-queries.ts';
import { highlightStart, highlightStop } from '../explorer-queries.ts';
import type { CommentRow, CorrectionRow } from '../queries.ts';
import { commentSources } from '../schema.ts';

export const sourceNames: Record<string, string> = {
  'survey-answer': 'Survey answer',
  'case-narrative': 'Complaint, concern or comment',
  compliment: 'Compliment',
  'care-opinion': 'Care Opinion',
};
export const sentimentNames: Record<number, string> = {
  1: 'Very positive',
  2: 'Positive',
  3: 'Mixed or neutral',
  4: 'Negative',
  5: 'Very negative',
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const querySchema = z.object({
  unit: z.preprocess(blankToUndefined, z.uuid().optional()).catch(undefined),
  from: z.preprocess(blankToUndefined, z.string().regex(isoDate).optional()),
  to: z.preprocess(blankToUndefined, z.string().regex(isoDate).optional()),
  source: z.preprocess(blankToUndefined, z.enum(commentSources).optional()).catch(undefined),
  theme: z.preprocess(blankToUndefined, z.string().max(200).optional()).catch(undefined),
  sentiment: z
    .preprocess(blankToUndefined, z.coerce.number().int().min(1).max(5).optional())
    .catch(undefined),
  question: z.preprocess(blankToUndefined, z.string().max(500).optional()).catch(undefined),
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export interface ExplorerForm {
  filters: ExplorerFilters;
  values: Record<string, string>;
  page: number;
  errors: Record<string, string>;
}

/** Reads the explorer's filters from the query string; a date that is not yyyy-mm-dd is an error shown on the page. */
export function readExplorerForm(query: unknown): ExplorerForm {
  const raw = (typeof query === 'object' && query ? query : {}) as Record<string, unknown>;
  const errors: Record<string, string> = {};
  const parsed = querySchema.safeParse(raw);
  const data = parsed.success ? parsed.data : querySchema.parse({ ...raw, from: undefined, to: undefined });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      errors[field] = `${field === 'from' ? 'Date from' : 'Date to'} must be a date such as 2024-06-30`;
    }
  }
  const values: Record<string, string> = {};
  for (const key of ['unit', 'from', 'to', 'source', 'theme', 'sentiment', 'question', 'q']) {
    const value = raw[key];
    values[key] = typeof value === 'string' ? value : '';
  }
  return {
    filters: {
      unitId: data.unit,
      from: data.from,
      to: data.to,
      source: data.source,
      theme: data.theme,
      sentiment: data.sentiment,
      question: data.question,
      search: data.q,
    },
    values,
    page: data.page,
    errors,
  };
}

/** ts_headline's markers turned into parts the template marks up (each part escaped by the template). */
export function highlightParts(excerpt: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  let rest = excerpt;
  while (rest.length > 0) {
    const start = rest.indexOf(highlightStart);
    if (start < 0) {
      parts.push({ text: rest, marked: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), marked: false });
    const stop = rest.indexOf(highlightStop, start);
    const end = stop < 0 ? rest.length : stop;
    parts.push({ text: rest.slice(start + 1, end), marked: true });
    rest = stop < 0 ? '' : rest.slice(stop + 1);
  }
  return parts;
}

const option = (value: string, text: string, selected: string) => ({
  value,
  text,
  selected: value === selected,
});

/** Per theme: comments, positive, negative and the last six months' counts, most comments first. */
export function themeTable(counts: readonly ThemeMonthCount[]) {
  const months = [...new Set(counts.map((count) => count.month))].sort().slice(-6);
  const byTheme = new Map<
    string,
    { comments: number; positive: number; negative: number; months: Map<string, number> }
  >();
  for (const count of counts) {
    const entry = byTheme.get(count.theme) ?? { comments: 0, positive: 0, negative: 0, months: new Map() };
    entry.comments += count.comments;
    entry.positive += count.positive;
    entry.negative += count.negative;
    entry.months.set(count.month, (entry.months.get(count.month) ?? 0) + count.comments);
    byTheme.set(count.theme, entry);
  }
  const rows = [...byTheme.entries()]
    .sort((a, b) => b[1].comments - a[1].comments || a[0].localeCompare(b[0]))
    .map(([theme, entry]) => ({
      theme,
      comments: entry.comments,
      positive: entry.positive,
      negative: entry.negative,
      months: months.map((month) => entry.months.get(month) ?? 0),
    }));
  return { months, rows };
}

export function explorerModel(
  form: ExplorerForm,
  result: {
    page: { rows: ExplorerRow[]; total: number };
    counts: ThemeMonthCount[];
    questions: string[];
    agreement: { coded: number; corrected: number };
    units: { unitId: string; name: string }[];
    themes: string[];
  },
  pageSize: number,
) {
  const unitNames = new Map(result.units.map((unit) => [unit.unitId, unit.name]));
  const { values } = form;
  const rate = acceptanceRate(result.agreement);
  const pages = Math.max(1, Math.ceil(result.page.total / pageSize));
  const link = (page: number) => {
    const params = new URLSearchParams(Object.entries(values).filter(([, value]) => value !== ''));
    params.set('page', String(page));
    return `/comments?${params}`;
  };
  return {
    pageTitle: `${Object.keys(form.errors).length ? 'Error: ' : ''}Comments`,
    values,
    errorList: Object.entries(form.errors).map(([field, text]) => ({ text, href: `#${field}` })),
    errors: form.errors,
    unitItems: [
      option('', 'All services', values.unit ?? ''),
      ...result.units.map((unit) => option(unit.unitId, unit.name, values.unit ?? '')),
    ],
    sourceItems: [
      option('', 'All sources', values.source ?? ''),
      ...Object.entries(sourceNames).map(([value, text]) => option(value, text, values.source ?? '')),
    ],
    themeItems: [
      option('', 'All themes', values.theme ?? ''),
      ...result.themes.map((theme) => option(theme, theme, values.theme ?? '')),
    ],
    sentimentItems: [
      option('', 'Any sentiment', values.sentiment ?? ''),
      ...Object.entries(sentimentNames).map(([value, text]) => option(value, text, values.sentiment ?? '')),
    ],
    questionItems: [
      option('', 'Any question', values.question ?? ''),
      ...result.questions.map((question) => option(question, question, values.question ?? '')),
    ],
    total: result.page.total,
    resultSummary: `${result.page.total.toLocaleString('en-GB')} ${result.page.total === 1 ? 'comment' : 'comments'}`,
    comments: result.page.rows.map((row) => ({
      href: `/comments/${row.commentId}`,
      receivedOn: row.receivedOn,
      unit: (row.unitId && unitNames.get(row.unitId)) || 'No service',
      source: sourceNames[row.source] ?? row.source,
      question: row.question,
      themes: row.themes,
      sentiment: row.sentiment ? sentimentNames[row.sentiment] : 'Not coded',
      parts: highlightParts(row.excerpt),
      safeguarding: row.safeguardingFlag,
    })),
    themeTable: themeTable(result.counts),
    agreement: {
      coded: result.agreement.coded,
      corrected: result.agreement.corrected,
      accepted: rate === null ? null : `${(rate * 100).toFixed(1)}%`,
    },
    previous: form.page > 1 ? { href: link(form.page - 1), text: 'Previous' } : null,
    next: form.page < pages ? { href: link(form.page + 1), text: 'Next' } : null,
    pageOf: `Page ${form.page} of ${pages}`,
  };
}

const kindNames: Record<string, string> = {
  'add-theme': 'Added theme',
  'remove-theme': 'Removed theme',
  'change-sentiment': 'Changed sentiment',
};

/** One comment: its redacted words, its coding with each theme's probability, and who corrected it when. */
export function commentModel(
  found: { comment: CommentRow; corrections: CorrectionRow[]; unitName: string | null; themes: string[] },
  canCorrect: boolean,
  problem: string | null = null,
) {
  const { comment } = found;
  return {
    pageTitle: `${problem ? 'Error: ' : ''}Comment received ${comment.receivedOn}`,
    backLinkHref: '/comments',
    problem,
    commentId: comment.commentId,
    text: comment.redactedText,
    details: [
      { key: { text: 'Received' }, value: { text: comment.receivedOn } },
      { key: { text: 'Service' }, value: { text: found.unitName ?? 'No service' } },
      { key: { text: 'Source' }, value: { text: sourceNames[comment.source] ?? comment.source } },
      { key: { text: 'Question' }, value: { text: comment.question ?? 'None' } },
      { key: { text: 'Themes' }, value: { text: comment.themes.join(', ') || 'None' } },
      {
        key: { text: 'Sentiment' },
        value: { text: comment.sentiment ? sentimentNames[comment.sentiment] : 'Not coded' },
      },
      {
        key: { text: 'Personal data removed' },
        value: { text: comment.personalDataKinds.join(', ') || 'None found' },
      },
      {
        key: { text: 'Safeguarding' },
        value: {
          text: comment.safeguardingFlag
            ? `Flagged: ${comment.safeguardingConcerns.join(', ')}`
            : 'Not flagged',
        },
      },
      { key: { text: 'Model' }, value: { text: comment.modelVersion } },
    ],
    themes: comment.themes,
    probabilities: Object.entries(comment.themeScores)
      .sort((a, b) => b[1] - a[1])
      .map(([theme, score]) => [
        { text: theme },
        { text: `${(score * 100).toFixed(1)}%`, format: 'numeric' },
        { text: comment.modelThemes.includes(theme) ? 'Yes' : 'No' },
      ]),
    canCorrect,
    addableThemes: found.themes
      .filter((theme) => !comment.themes.includes(theme))
      .map((theme) => ({ value: theme, text: theme })),
    sentimentItems: Object.entries(sentimentNames).map(([value, text]) => ({
      value,
      text,
      checked: Number(value) === comment.sentiment,
    })),
    corrections: found.corrections.map((correction) => [
      { text: correction.correctedAt.toISOString().slice(0, 16).replace('T', ' ') },
      { text: correction.correctedByName },
      {
        text:
          correction.kind === 'change-sentiment'
            ? `${kindNames[correction.kind]}: ${correction.sentimentBefore ? sentimentNames[correction.sentimentBefore] : 'none'} to ${correction.sentimentAfter ? sentimentNames[correction.sentimentAfter] : 'none'}`
            : `${kindNames[correction.kind]}: ${correction.theme}`,
      },
    ]),
  };
}
