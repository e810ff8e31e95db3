import { ukDate } from '#src/domains/calendar/index.ts';
import type { FieldErrors } from '#src/web/forms.ts';
import type { Answers } from '../forms.ts';
import type { PublicStatement } from '../statement-queries.ts';
import { assuranceLevelNames, assuranceLevels } from '../words.ts';
import { type FormField, formPage } from './form-fields.ts';

// "You said – We did": the public page per trust and per unit, its Atom feed, and the staff list
// and form. The public models take only a statement's public fields (statement-queries.ts).

interface PublicContext {
  organisation: { name: string; odsCode: string };
  unit: { name: string; code: string } | null;
  statements: readonly PublicStatement[];
}

const pagePath = (odsCode: string, unitCode?: string) =>
  `/you-said-we-did/${encodeURIComponent(odsCode)}${unitCode ? `/units/${encodeURIComponent(unitCode)}` : ''}`;

export function publicStatementsPage(context: PublicContext) {
  const where = context.unit ? context.unit.name : context.organisation.name;
  return {
    pageTitle: `You said, we did: ${where}`,
    organisationName: context.organisation.name,
    intro: `What people told ${where}, and what was done about it.`,
    feedHref: `${pagePath(context.organisation.odsCode, context.unit?.code)}/feed.atom`,
    trustHref: context.unit ? pagePath(context.organisation.odsCode) : null,
    statements: context.statements.map((statement) => ({
      youSaid: statement.youSaid,
      weDid: statement.weDid,
      published: ukDate(statement.publishedOn),
      assurance: assuranceLevelNames[statement.assuranceLevel],
      unit:
        statement.unitName && statement.unitCode && !context.unit
          ? { text: statement.unitName, href: pagePath(context.organisation.odsCode, statement.unitCode) }
          : null,
    })),
  };
}

const xml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** The statements as an Atom feed (RFC 4287): one entry each, identified by its id for good. */
export function statementsFeed(context: PublicContext, baseUrl: string, now: Date): string {
  const where = context.unit ? context.unit.name : context.organisation.name;
  const page = `${baseUrl}${pagePath(context.organisation.odsCode, context.unit?.code)}`;
  const updated = context.statements.reduce(
    (latest, statement) => (statement.updatedAt > latest ? statement.updatedAt : latest),
    context.statements[0]?.updatedAt ?? now,
  );
  const entries = context.statements.map(
    (statement) => `  <entry>
    <id>urn:uuid:${statement.statementId}</id>
    <title>${xml(`You said: ${statement.youSaid.length > 80 ? `${statement.youSaid.slice(0, 77)}…` : statement.youSaid}`)}</title>
    <updated>${statement.updatedAt.toISOString()}</updated>
    <published>${statement.publishedOn}T00:00:00Z</published>
    <link rel="alternate" type="text/html" href="${xml(page)}"/>
    <content type="text">${xml(`You said: ${statement.youSaid}\nWe did: ${statement.weDid}\n${assuranceLevelNames[statement.assuranceLevel]}${statement.unitName ? `\n${statement.unitName}` : ''}`)}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(`${page}/feed.atom`)}</id>
  <title>${xml(`You said, we did: ${where}`)}</title>
  <updated>${updated.toISOString()}</updated>
  <author><name>${xml(context.organisation.name)}</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(`${page}/feed.atom`)}"/>
  <link rel="alternate" type="text/html" href="${xml(page)}"/>
${entries.join('\n')}
</feed>
`;
}

export type StaffStatement = PublicStatement & {
  sourceReference: string | null;
  sourceDescription: string | null;
  withdrawnOn: string | null;
  withdrawnReason: string | null;
};

/** The change links for a statement still published, or when and why it was withdrawn. */
function changeCell(row: StaffStatement) {
  if (row.withdrawnOn) {
    return { text: `Withdrawn on ${ukDate(row.withdrawnOn)}: ${row.withdrawnReason ?? ''}` };
  }
  const what = `<span class="nhsuk-u-visually-hidden"> the statement published on ${ukDate(row.publishedOn)}</span>`;
  const base = `/actions/you-said-we-did/${encodeURIComponent(row.statementId)}`;
  return {
    html: `<a href="${base}/edit">Change${what}</a><br><a href="${base}/withdraw">Withdraw${what}</a>`,
  };
}

export function staffStatementsPage(rows: readonly StaffStatement[], publicHref: string) {
  return {
    pageTitle: 'You said, we did',
    publicHref,
    rows: rows.map((row) => [
      { text: ukDate(row.publishedOn) },
      { text: row.unitName ?? 'The whole organisation' },
      { text: row.youSaid },
      { text: row.weDid },
      { text: assuranceLevelNames[row.assuranceLevel] },
      { text: row.sourceReference ?? row.sourceDescription ?? '' },
      changeCell(row),
    ]),
  };
}

/** The form that withdraws a statement: why, kept for staff, never published. */
export function withdrawStatementPage(
  statement: { statementId: string; youSaid: string },
  answers: Answers,
  errors: FieldErrors,
) {
  return formPage({
    pageTitle: 'Withdraw a You said, we did',
    action: `/actions/you-said-we-did/${encodeURIComponent(statement.statementId)}/withdraw`,
    submit: 'Withdraw it',
    backLinkHref: '/actions/you-said-we-did',
    intro: `You said: ${statement.youSaid}. It will leave the public page and feed straight away.`,
    errors,
    fields: [
      {
        macro: 'textarea',
        params: {
          id: 'reason',
          name: 'reason',
          label: { text: 'Why is it being withdrawn?' },
          hint: { text: 'Kept with the statement for staff. It is never published.' },
          rows: 3,
          value: answers.reason,
          errorMessage: errors.reason ? { text: errors.reason } : undefined,
        },
      },
    ],
  });
}

export function newStatementPage(
  answers: Answers,
  errors: FieldErrors,
  units: readonly { unitId: string; name: string }[],
  editing?: { statementId: string },
) {
  const error = (name: string) => (errors[name] ? { text: errors[name] } : undefined);
  const fields: FormField[] = [
    {
      macro: 'select',
      params: {
        id: 'unitId',
        name: 'unitId',
        label: { text: 'Service' },
        items: [
          { value: '', text: 'The whole organisation', selected: !answers.unitId },
          ...units.map((unit) => ({
            value: unit.unitId,
            text: unit.name,
            selected: unit.unitId === answers.unitId,
          })),
        ],
        errorMessage: error('unitId'),
      },
    },
    {
      macro: 'textarea',
      params: {
        id: 'youSaid',
        name: 'youSaid',
        label: { text: 'You said' },
        hint: {
          text: 'What people told us, in a sentence or two. No names or personal details: this is published.',
        },
        rows: 3,
        value: answers.youSaid,
        errorMessage: error('youSaid'),
      },
    },
    {
      macro: 'textarea',
      params: {
        id: 'weDid',
        name: 'weDid',
        label: { text: 'We did' },
        hint: { text: 'What was done about it' },
        rows: 3,
        value: answers.weDid,
        errorMessage: error('weDid'),
      },
    },
    {
      macro: 'radios',
      params: {
        idPrefix: 'assuranceLevel',
        name: 'assuranceLevel',
        fieldset: { legend: { text: 'Assurance that it was done', size: 's' } },
        items: assuranceLevels.map((level) => ({
          value: level,
          text: assuranceLevelNames[level],
          checked: answers.assuranceLevel === level,
        })),
        errorMessage: error('assuranceLevel'),
      },
    },
    {
      macro: 'input',
      params: {
        id: 'sourceReference',
        name: 'sourceReference',
        label: { text: 'Reference of the feedback that prompted it (optional)' },
        hint: { text: 'For example, C-2017-00042. It is never published.' },
        classes: 'nhsuk-input--width-20',
        value: answers.sourceReference,
        errorMessage: error('sourceReference'),
      },
    },
    {
      macro: 'input',
      params: {
        id: 'sourceDescription',
        name: 'sourceDescription',
        label: { text: 'Or the source in words (optional)' },
        hint: { text: 'For example, Inpatient survey, summer 2017. It is never published.' },
        value: answers.sourceDescription,
        errorMessage: error('sourceDescription'),
      },
    },
  ];
  return formPage({
    pageTitle: editing ? 'Change a You said, we did' : 'Publish a You said, we did',
    action: editing
      ? `/actions/you-said-we-did/${encodeURIComponent(editing.statementId)}/edit`
      : '/actions/you-said-we-did/new',
    submit: editing ? 'Save the changes' : 'Publish it',
    backLinkHref: '/actions/you-said-we-did',
    errors,
    fields,
  });
}
