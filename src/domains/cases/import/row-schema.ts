import { z } from 'zod';
import { type IsoDate, ukDate } from '#src/domains/calendar/index.ts';
import { regulationsStart } from '../eligibility.ts';
import type { Channel, FeedbackKind } from '../kinds-and-channels.ts';
import { clinicalTreatmentSubject } from '../ko41a-codes.ts';
import { closingProblem, type IssueOutcome } from '../outcomes.ts';
import type { ContactDetails, OmbudsmanOutcome, RecordStatus } from '../schema.ts';
import { type CellValue, cellDate, cellList, cellText, cellYesNo } from './cells.ts';
import type { Chooser, ImportChoosers } from './choices.ts';
import {
  complaintFields,
  type ImportField,
  type IssuePart,
  importFields,
  issueField,
  issueFields,
  issueParts,
  issueSlots,
} from './columns.ts';

// Checking one row of a cases file: each cell with its own zod schema, then the cells against each
// other (dates in order, what a closed complaint needs). Every problem is reported, not only the
// first, each on its column, named by the heading the person's own file gives it.

/** A row's cells by field; a field the file has no column for is absent. */
export type MappedRow = Partial<Record<ImportField, CellValue>>;

export interface ImportedIssue {
  subjectCode: string;
  staffGroupCodes: string[];
  outcome: IssueOutcome | null;
  description: string;
  /** KO41a service area; null when the file gives none. */
  serviceAreaCode: string | null;
  /** KO41a clinical-treatment sub-category, for the subject clinical treatment only. */
  clinicalTreatmentCode: string | null;
}

export interface ImportedComplaint {
  acknowledgedDate: IsoDate | null;
  /** Null when the file gives none: the local target from the date received is used. */
  agreedResponseDate: IsoDate | null;
  responseSentDate: IsoDate | null;
  signedOffBy: string | null;
  withdrawnDate: IsoDate | null;
  withdrawalReason: string | null;
  investigatorUserId: string | null;
  ombudsmanReferredDate: IsoDate | null;
  ombudsmanOutcome: OmbudsmanOutcome | null;
  ombudsmanOutcomeDate: IsoDate | null;
  /** KO41a age of patient and status of complainant; null when the file gives none. */
  patientAgeBandCode: string | null;
  complainantStatusCode: string | null;
  issues: ImportedIssue[];
}

export interface ImportedCase {
  externalReference: string;
  kind: FeedbackKind;
  channel: Channel;
  unitId: string;
  receivedDate: IsoDate;
  eventDate: IsoDate | null;
  noticeDate: IsoDate | null;
  summary: string;
  narrative: string | null;
  desiredOutcome: string | null;
  personName: string | null;
  contactDetails: ContactDetails;
  onBehalfOfName: string | null;
  consentRecorded: boolean | null;
  consentDate: IsoDate | null;
  status: RecordStatus;
  closedDate: IsoDate | null;
  /** For a concern: the staff groups involved (the seed report's Table 11); empty when not given. */
  staffGroupCodes: string[];
  complaint: ImportedComplaint | null;
}

export interface RowProblem {
  field: ImportField;
  message: string;
}

export type CheckedRow = { ok: true; value: ImportedCase } | { ok: false; problems: RowProblem[] };

export interface RowContext {
  today: IsoDate;
  /** Unit codes in upper case → unit id. Retired units are included: historic cases may be about them. */
  unitIdByCode: ReadonlyMap<string, string>;
  /** Email addresses in lower case → user id, for the investigator. */
  userIdByEmail: ReadonlyMap<string, string>;
  choosers: ImportChoosers;
  /** Subject code → name, the description of an issue the file does not describe. */
  subjectNames: ReadonlyMap<string, string>;
  /** The column as messages name it, by its heading in the file: column “Date received”. */
  column(field: ImportField): string;
}

type CellSchema = z.ZodType<unknown, CellValue | undefined>;

const cell = z.custom<CellValue | undefined>(() => true);
const problem = (context: z.RefinementCtx, message: string) => context.addIssue({ code: 'custom', message });
const dateFormats = 'write it as YYYY-MM-DD, like 2017-07-03, or DD/MM/YYYY, like 03/07/2017';

/** The zod schema of each cell, given the organisation's look-ups; built once for a file. */
function cellSchemas(context: RowContext): ReadonlyMap<ImportField, CellSchema> {
  const col = context.column;
  const { choosers } = context;
  const text = () => cell.transform((value) => cellText(value) || null);
  const required = (field: ImportField, whatToEnter: string) =>
    cell.transform((value, ctx) => {
      const written = cellText(value);
      if (written === '') problem(ctx, `${col(field)} is blank: ${whatToEnter}`);
      return written || null;
    });
  const date = (field: ImportField, whenBlank?: string) =>
    cell.transform((value, ctx) => {
      const written = cellText(value);
      if (written === '') {
        if (whenBlank) problem(ctx, `${col(field)} is blank: ${whenBlank}`);
        return null;
      }
      const parsed = cellDate(value);
      if (parsed === null) problem(ctx, `${col(field)}: “${written}” is not a real date: ${dateFormats}`);
      return parsed;
    });
  const choice = <Code extends string>(
    field: ImportField,
    choose: Chooser<Code>,
    accepted: string,
    whenBlank?: string,
  ) =>
    cell.transform((value, ctx) => {
      const written = cellText(value);
      if (written === '') {
        if (whenBlank) problem(ctx, `${col(field)} is blank: ${whenBlank}`);
        return null;
      }
      const code = choose(written);
      if (code === null) problem(ctx, `${col(field)}: “${written}” is not one of: ${accepted}`);
      return code;
    });
  const kinds = 'complaint, concern, compliment, comment, enquiry or mp-enquiry';
  const channels = 'phone, email, letter, in-person, web-form, care-opinion or survey';

  const schemas: Partial<Record<ImportField, CellSchema>> = {
    reference: required('reference', 'enter the case’s reference in the system it comes from'),
    kind: choice('kind', choosers.kind, kinds, `enter ${kinds}`),
    channel: choice(
      'channel',
      choosers.channel,
      channels,
      'enter how it reached you, such as letter or phone',
    ),
    unit_code: required('unit_code', 'enter the code of the unit it is about').transform((code, ctx) => {
      if (code === null) return null;
      const unitId = context.unitIdByCode.get(code.toUpperCase());
      if (!unitId)
        problem(ctx, `${col('unit_code')}: “${code}” is not the code of a unit in Heard: see Units`);
      return unitId ?? null;
    }),
    received_date: date('received_date', 'enter the date it was received'),
    event_date: date('event_date'),
    notice_date: date('notice_date'),
    summary: required('summary', 'enter a short summary'),
    narrative: text(),
    desired_outcome: text(),
    person_name: text(),
    email: text().transform((email, ctx) => {
      if (email !== null && !z.email().safeParse(email).success) {
        problem(
          ctx,
          `${col('email')}: “${email}” is not an email address in the correct format, like name@example.com`,
        );
        return null;
      }
      return email;
    }),
    phone: text(),
    address: text(),
    on_behalf_of: text(),
    consent: cell.transform((value, ctx) => {
      const written = cellText(value);
      const chosen = choosers.consent(written);
      const answer = chosen === null ? cellYesNo(written) : chosen === 'yes';
      if (answer === undefined) problem(ctx, `${col('consent')}: “${written}” is not yes or no`);
      return answer ?? null;
    }),
    consent_date: date('consent_date'),
    status: choice('status', choosers.status, 'open, closed or withdrawn'),
    closed_date: date('closed_date'),
    staff_groups: cell.transform((value, ctx) =>
      staffGroupCodes(context, 'staff_groups', choosers.concernStaffGroup, cellText(value), ctx),
    ),
    acknowledged_date: date('acknowledged_date'),
    agreed_response_date: date('agreed_response_date'),
    response_sent_date: date('response_sent_date'),
    signed_off_by: text(),
    withdrawn_date: date('withdrawn_date'),
    withdrawal_reason: text(),
    investigator_email: text().transform((email, ctx) => {
      if (email === null) return null;
      const userId = context.userIdByEmail.get(email.toLowerCase());
      if (!userId) {
        problem(
          ctx,
          `${col('investigator_email')}: “${email}” is not the email address of anyone in Heard: add them under Users first, or leave it blank`,
        );
      }
      return userId ?? null;
    }),
    ombudsman_referred_date: date('ombudsman_referred_date'),
    ombudsman_outcome: choice(
      'ombudsman_outcome',
      choosers.ombudsmanOutcome,
      'not-investigated, resolved-without-investigation, upheld, partly-upheld or not-upheld',
    ),
    ombudsman_outcome_date: date('ombudsman_outcome_date'),
    patient_age_band: choice(
      'patient_age_band',
      choosers.ageBand,
      'an age band from the KO41a list, such as 0-17, 18-64, 65-74, 75-84 or 85-and-over',
    ),
    complainant_status: choice(
      'complainant_status',
      choosers.complainantStatus,
      'a status from the KO41a list, such as patient, relative-or-carer or other',
    ),
  };
  for (const field of issueFields) schemas[field] = issuePartSchema(field, context);
  return new Map(importFields.map((field) => [field, schemas[field] ?? cell]));
}

function issuePartSchema(field: ImportField, context: RowContext): CellSchema {
  const part = /^issue_\d+_(.+)$/.exec(field)?.[1] as IssuePart;
  const col = context.column;
  const { choosers } = context;
  return cell.transform((value, ctx) => {
    const written = cellText(value);
    if (written === '') return null;
    if (part === 'subject') {
      const code = choosers.subject(written);
      if (code === null)
        problem(ctx, `${col(field)}: “${written}” is not a subject in the KO41a subject list`);
      return code;
    }
    if (part === 'outcome') {
      const code = choosers.issueOutcome(written);
      if (code === null) {
        problem(
          ctx,
          `${col(field)}: “${written}” is not upheld or not upheld (an issue is never partly upheld)`,
        );
      }
      return code;
    }
    if (part === 'service_area') {
      const code = choosers.serviceArea(written);
      if (code === null)
        problem(ctx, `${col(field)}: “${written}” is not a service area in the KO41a service area list`);
      return code;
    }
    if (part === 'clinical_treatment') {
      const code = choosers.clinicalTreatment(written);
      if (code === null) {
        problem(
          ctx,
          `${col(field)}: “${written}” is not a sub-category in the KO41a clinical treatment list`,
        );
      }
      return code;
    }
    if (part === 'staff_groups') return staffGroupCodes(context, field, choosers.staffGroup, written, ctx);
    return written;
  });
}

/**
 * The staff groups a cell names, by code or name, separated by semicolons ("No staff identified"
 * is on the list like any group); null, with the problem, when any is not on the list.
 */
function staffGroupCodes(
  context: RowContext,
  field: ImportField,
  choose: Chooser,
  written: string,
  ctx: z.RefinementCtx,
): string[] | null {
  if (written === '') return null;
  const names = cellList(written);
  const unknown = names.filter((name) => choose(name) === null);
  if (unknown.length > 0) {
    const listed = unknown.map((name) => `“${name}”`).join(', ');
    problem(
      ctx,
      `${context.column(field)}: ${listed} ${unknown.length === 1 ? 'is' : 'are'} not in the list of staff groups (separate groups with semicolons)`,
    );
    return null;
  }
  return [...new Set(names.flatMap((name) => choose(name) ?? []))];
}

/** Checks rows of one file; `check` reports every problem of a row, or what to write for it. */
export function caseRowChecker(context: RowContext) {
  const schemas = cellSchemas(context);
  return function check(row: MappedRow): CheckedRow {
    const problems: RowProblem[] = [];
    const values: Partial<Record<ImportField, unknown>> = {};
    for (const [field, schema] of schemas) {
      const parsed = schema.safeParse(row[field]);
      if (parsed.success) values[field] = parsed.data;
      else {
        values[field] = null;
        for (const issue of parsed.error.issues) problems.push({ field, message: issue.message });
      }
    }
    const blank = (field: ImportField) => cellText(row[field]) === '';
    const flagged = new Set(problems.map((entry) => entry.field));
    const at = (field: ImportField, message: string) => {
      // One problem a column is enough: a date that is not a date is not also "in the future".
      if (flagged.has(field)) return;
      flagged.add(field);
      problems.push({ field, message });
    };
    const value = crossChecked(values, { at, blank, context });
    return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
  };
}

interface CrossCheck {
  at(field: ImportField, message: string): void;
  blank(field: ImportField): boolean;
  context: RowContext;
}

const article = (kind: FeedbackKind) =>
  kind === 'enquiry' ? 'an enquiry' : kind === 'mp-enquiry' ? 'an MP enquiry' : `a ${kind}`;

/** The row's cells, each valid on its own (or null), checked against each other. */
function crossChecked(values: Partial<Record<ImportField, unknown>>, check: CrossCheck): ImportedCase {
  const { at, blank, context } = check;
  const col = context.column;
  const value = <T>(field: ImportField) => (values[field] ?? null) as T;
  const dateOf = (field: ImportField) => value<IsoDate | null>(field);
  const kind = value<FeedbackKind | null>('kind');
  const isComplaint = kind === 'complaint';
  const receivedDate = dateOf('received_date');

  checkDates(values, check, isComplaint);
  if (kind !== null && !isComplaint) {
    for (const field of [...complaintFields, ...issueFields]) {
      if (!blank(field)) {
        at(
          field,
          `${col(field)} is for complaints only, and this row is ${article(kind)}: leave it blank, or make the kind complaint`,
        );
      }
    }
  }
  if (kind !== null && kind !== 'concern' && !blank('staff_groups')) {
    at('staff_groups', staffGroupsOnlyForConcerns(col('staff_groups'), kind));
  }
  const issues = isComplaint ? checkedIssues(values, check) : [];
  const { status, closedDate } = checkedStatus(values, check, kind, issues);
  if (isComplaint) checkOmbudsman(values, check);

  const contactDetails: ContactDetails = {};
  for (const [field, key] of [
    ['email', 'email'],
    ['phone', 'phone'],
    ['address', 'address'],
  ] as const) {
    const written = value<string | null>(field);
    if (written) contactDetails[key] = written;
  }
  return {
    externalReference: value('reference'),
    kind: kind as FeedbackKind,
    channel: value('channel'),
    unitId: value('unit_code'),
    receivedDate: receivedDate as IsoDate,
    eventDate: dateOf('event_date'),
    noticeDate: dateOf('notice_date'),
    summary: value('summary'),
    narrative: value('narrative'),
    desiredOutcome: value('desired_outcome'),
    personName: value('person_name'),
    contactDetails,
    onBehalfOfName: value('on_behalf_of'),
    consentRecorded: value('consent'),
    consentDate: dateOf('consent_date'),
    status,
    closedDate,
    staffGroupCodes: kind === 'concern' ? (value<string[] | null>('staff_groups') ?? []) : [],
    complaint: isComplaint
      ? {
          acknowledgedDate: dateOf('acknowledged_date'),
          agreedResponseDate: dateOf('agreed_response_date'),
          responseSentDate: dateOf('response_sent_date'),
          signedOffBy: value('signed_off_by'),
          withdrawnDate: dateOf('withdrawn_date'),
          withdrawalReason: value('withdrawal_reason'),
          investigatorUserId: value('investigator_email'),
          ombudsmanReferredDate: dateOf('ombudsman_referred_date'),
          ombudsmanOutcome: value('ombudsman_outcome'),
          ombudsmanOutcomeDate: dateOf('ombudsman_outcome_date'),
          patientAgeBandCode: value('patient_age_band'),
          complainantStatusCode: value('complainant_status'),
          issues: issues.map(({ issue }) => issue),
        }
      : null,
  };
}

/** Only a concern records its staff groups on the case: a complaint records them on each issue. */
function staffGroupsOnlyForConcerns(column: string, kind: FeedbackKind): string {
  return kind === 'complaint'
    ? `${column} is for concerns only: a complaint’s staff groups belong to each of its issues, so give them in issue_1_staff_groups to issue_${issueSlots}_staff_groups instead`
    : `${column} is for concerns only, and this row is ${article(kind)}: leave it blank, or make the kind concern`;
}

/** What comes after receipt is not before it, and nothing imported has happened yet in the future. */
function checkDates(values: Partial<Record<ImportField, unknown>>, check: CrossCheck, isComplaint: boolean) {
  const { at, context } = check;
  const col = context.column;
  const dateOf = (field: ImportField) => (values[field] ?? null) as IsoDate | null;
  const receivedDate = dateOf('received_date');
  if (receivedDate !== null) {
    if (receivedDate > context.today) {
      at(
        'received_date',
        `${col('received_date')}: ${ukDate(receivedDate)} is in the future: the date received must be today or in the past`,
      );
    }
    // SI 2009/309 reg 6(1): the Regulations cover complaints made from 1 April 2009.
    if (isComplaint && receivedDate < regulationsStart) {
      at(
        'received_date',
        `${col('received_date')}: ${ukDate(receivedDate)} is before ${ukDate(regulationsStart)}, when the 2009 Complaints Regulations began: import it as a concern, or keep it on the previous system`,
      );
    }
    for (const field of ['event_date', 'notice_date'] as const) {
      const date = dateOf(field);
      if (date !== null && date > receivedDate) {
        at(
          field,
          `${col(field)}: ${ukDate(date)} is after the date it was received, ${ukDate(receivedDate)}`,
        );
      }
    }
    for (const field of [
      'closed_date',
      'acknowledged_date',
      'agreed_response_date',
      'response_sent_date',
      'withdrawn_date',
      'ombudsman_referred_date',
    ] as const) {
      const date = dateOf(field);
      if (date !== null && date < receivedDate) {
        at(
          field,
          `${col(field)}: ${ukDate(date)} is before the date it was received, ${ukDate(receivedDate)}`,
        );
      }
    }
  }
  for (const field of [
    'closed_date',
    'acknowledged_date',
    'response_sent_date',
    'withdrawn_date',
    'ombudsman_referred_date',
    'ombudsman_outcome_date',
    'consent_date',
  ] as const) {
    const date = dateOf(field);
    if (date !== null && date > context.today) {
      at(
        field,
        `${col(field)}: ${ukDate(date)} is in the future: only what has already happened can be imported`,
      );
    }
  }
}

interface SlottedIssue {
  /** Which of the columns issue_1_… to issue_5_… it came from. */
  slot: number;
  issue: ImportedIssue;
}

function checkedIssues(values: Partial<Record<ImportField, unknown>>, check: CrossCheck): SlottedIssue[] {
  const { at, blank, context } = check;
  const col = context.column;
  const issues: SlottedIssue[] = [];
  for (let slot = 1; slot <= issueSlots; slot += 1) {
    const field = (part: IssuePart) => issueField(slot, part);
    if (issueParts.every((part) => blank(field(part)))) continue;
    const subjectCode = values[field('subject')] as string | null;
    const staffGroupCodes = values[field('staff_groups')] as string[] | null;
    if (blank(field('subject')))
      at(field('subject'), `${col(field('subject'))} is blank: enter the subject of issue ${slot}`);
    if (blank(field('staff_groups'))) {
      at(
        field('staff_groups'),
        `${col(field('staff_groups'))} is blank: enter the staff groups involved in issue ${slot}, or No staff identified`,
      );
    }
    if (
      subjectCode !== null &&
      subjectCode !== clinicalTreatmentSubject &&
      !blank(field('clinical_treatment'))
    ) {
      at(
        field('clinical_treatment'),
        `${col(field('clinical_treatment'))} is only for an issue whose subject is clinical treatment: leave it blank, or change the subject of issue ${slot}`,
      );
    }
    if (subjectCode === null || staffGroupCodes === null) continue;
    issues.push({
      slot,
      issue: {
        subjectCode,
        staffGroupCodes,
        outcome: (values[field('outcome')] ?? null) as IssueOutcome | null,
        description:
          (values[field('description')] as string | null) ??
          context.subjectNames.get(subjectCode) ??
          subjectCode,
        serviceAreaCode: (values[field('service_area')] ?? null) as string | null,
        clinicalTreatmentCode: (values[field('clinical_treatment')] ?? null) as string | null,
      },
    });
  }
  return issues;
}

/**
 * The status as given, or worked out from the dates: withdrawn with a withdrawal date, closed with
 * a closing or response date, open otherwise. A closed complaint needs every issue decided, so that
 * its overall outcome follows from them as it does for a complaint closed in Heard.
 */
function checkedStatus(
  values: Partial<Record<ImportField, unknown>>,
  check: CrossCheck,
  kind: FeedbackKind | null,
  issues: readonly SlottedIssue[],
): { status: RecordStatus; closedDate: IsoDate | null } {
  const { at, blank, context } = check;
  const col = context.column;
  const dateOf = (field: ImportField) => (values[field] ?? null) as IsoDate | null;
  const isComplaint = kind === 'complaint';
  const given = (values.status ?? null) as RecordStatus | null;
  if (given === null && !blank('status')) return { status: 'open', closedDate: null };
  const withdrawnDate = dateOf('withdrawn_date');
  const closedDate = dateOf('closed_date');
  const responseSentDate = dateOf('response_sent_date');
  const status: RecordStatus =
    given ??
    (!blank('withdrawn_date')
      ? 'withdrawn'
      : !blank('closed_date') || !blank('response_sent_date')
        ? 'closed'
        : 'open');

  if (status === 'open') {
    if (!blank('closed_date')) {
      at(
        'closed_date',
        `${col('closed_date')} has a date, but the case is open: leave it blank, or give the status closed`,
      );
    }
    if (!blank('withdrawn_date')) {
      at(
        'withdrawn_date',
        `${col('withdrawn_date')} has a date, but the complaint is open: give the status withdrawn`,
      );
    }
    return { status, closedDate: null };
  }
  if (status === 'withdrawn') {
    if (kind !== null && !isComplaint) {
      at('status', `${col('status')}: only a complaint can be withdrawn: give the status closed`);
      return { status, closedDate };
    }
    if (blank('withdrawn_date')) {
      at('withdrawn_date', `${col('withdrawn_date')} is blank: enter the date the complaint was withdrawn`);
    }
    return { status, closedDate: closedDate ?? withdrawnDate };
  }
  if (!blank('withdrawn_date') && isComplaint) {
    at(
      'withdrawn_date',
      `${col('withdrawn_date')} has a date, but the status is closed: give the status withdrawn`,
    );
  }
  const closedOn = closedDate ?? (isComplaint ? responseSentDate : null);
  if (blank('closed_date') && (!isComplaint || blank('response_sent_date'))) {
    at(
      'closed_date',
      `${col('closed_date')} is blank: enter the date it was closed${isComplaint ? ', or the date the response was sent' : ''}`,
    );
  }
  if (isComplaint) {
    // The rule of outcomes.ts decides; the message names the columns to fill in.
    const outcomes = issues.map(({ issue }) => issue.outcome);
    if (closingProblem({ issueOutcomes: outcomes, withdrawn: false })) {
      if (issues.length === 0) {
        const field = issueField(1, 'subject');
        at(
          field,
          `${col(field)} is blank, but the complaint is closed: give each of its issues with its subject, staff groups and outcome`,
        );
      }
      for (const { slot, issue } of issues) {
        const field = issueField(slot, 'outcome');
        if (issue.outcome === null) {
          at(
            field,
            `${col(field)} is blank, but the complaint is closed: enter whether issue ${slot} was upheld or not upheld`,
          );
        }
      }
    }
  }
  return { status, closedDate: closedOn };
}

/** SI 2009/309 reg 14(2)(d): the complainant may take it to the Ombudsman; the referral comes first. */
function checkOmbudsman(values: Partial<Record<ImportField, unknown>>, check: CrossCheck) {
  const { at, blank, context } = check;
  const col = context.column;
  const referred = (values.ombudsman_referred_date ?? null) as IsoDate | null;
  const decided = (values.ombudsman_outcome_date ?? null) as IsoDate | null;
  if (!blank('ombudsman_outcome') && blank('ombudsman_referred_date')) {
    at(
      'ombudsman_referred_date',
      `${col('ombudsman_referred_date')} is blank, but the Ombudsman’s outcome is given: enter the date it was referred`,
    );
  }
  if (!blank('ombudsman_outcome') && blank('ombudsman_outcome_date')) {
    at(
      'ombudsman_outcome_date',
      `${col('ombudsman_outcome_date')} is blank: enter the date the Ombudsman decided`,
    );
  }
  if (blank('ombudsman_outcome') && !blank('ombudsman_outcome_date')) {
    at(
      'ombudsman_outcome',
      `${col('ombudsman_outcome')} is blank, but a date of the Ombudsman’s decision is given: enter the outcome`,
    );
  }
  if (referred !== null && decided !== null && decided < referred) {
    at(
      'ombudsman_outcome_date',
      `${col('ombudsman_outcome_date')}: ${ukDate(decided)} is before the referral, ${ukDate(referred)}`,
    );
  }
}
