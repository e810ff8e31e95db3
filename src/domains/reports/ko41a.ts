import type { Period } from '#src/domains/calendar/index.ts';
import { periodContains } from '#src/domains/calendar/index.ts';
import {
  type ComplaintForReturn,
  clinicalTreatmentSubject,
  type IssueOutcome,
  overallOutcome,
  type ReferenceList,
  type ReferenceLists,
  type StaffGroup,
} from '#src/domains/cases/index.ts';

// The KO41a return, "Data on Written Complaints in the NHS" (NHS England, formerly NHS Digital):
// quarterly until 2021-22, annual since 2022-23 (DESIGN.md §3). A pure function of the
// complaints open at some time in the period and the code lists in reference/.
//
// The collection's counting rules:
// - summary: brought forward (open at the start), new (received in the period), resolved (closed
//   or withdrawn in it), carried forward (open at the end);
// - age of patient and status of complainant: each new complaint once, so each part sums to new;
// - service area, subject, clinical-treatment sub-category and profession: a complaint counts
//   once in the total but once under each that its issues name, so those parts are each ≥ new;
// - outcome: each resolved complaint has one (upheld, partially upheld, not upheld), derived from
//   its issues' outcomes; withdrawn complaints have none.
//
// What is counted comes from what complaints record: the patient's age band and the complainant's
// status on the complaint, the service area and (for clinical treatment) the sub-category on each
// issue, next to its subject and staff groups. A complaint that records none (older records, or
// one not yet classified) counts under "Not known": for service area and clinical treatment, a
// complaint some of whose issues name one counts only under those named, and under "Not known"
// only when none of the relevant issues does. So the return still adds up and says plainly what
// is missing.

export const notKnownCode = 'not-known';

export interface Ko41aLine {
  code: string;
  name: string;
  count: number;
}

export interface Ko41aValidation {
  rule: string;
  passed: boolean;
  detail: string;
}

export interface Ko41aReturn {
  period: Pick<Period, 'code' | 'label' | 'start' | 'end' | 'kind'>;
  summary: { broughtForward: number; new: number; resolved: number; carriedForward: number };
  ageOfPatient: Ko41aLine[];
  statusOfComplainant: Ko41aLine[];
  serviceArea: Ko41aLine[];
  clinicalTreatment: Ko41aLine[];
  subject: Ko41aLine[];
  profession: Ko41aLine[];
  outcome: {
    upheld: number;
    partiallyUpheld: number;
    notUpheld: number;
    withdrawn: number;
    /** Closed with an issue whose outcome is not recorded: cannot be returned until it is. */
    notDecided: number;
  };
  validations: Ko41aValidation[];
}

/** KO41a is annual from 2022-23 (financial years starting 1 April 2022 or later) and quarterly before. */
export function ko41aPeriodKind(financialYearStart: number): 'financial-year' | 'quarter' {
  return financialYearStart >= 2022 ? 'financial-year' : 'quarter';
}

/** Every item of the list (retired ones only if counted), then "Not known" if anything is. */
function lines(list: ReferenceList, counts: ReadonlyMap<string, number>): Ko41aLine[] {
  const found: Ko41aLine[] = list.items
    .filter((item) => !item.retired || (counts.get(item.code) ?? 0) > 0)
    .map((item) => ({ code: item.code, name: item.name, count: counts.get(item.code) ?? 0 }));
  for (const [code, count] of counts) {
    if (code !== notKnownCode && !list.byCode.has(code)) found.push({ code, name: code, count });
  }
  const notKnown = counts.get(notKnownCode) ?? 0;
  if (notKnown > 0) found.push({ code: notKnownCode, name: 'Not known', count: notKnown });
  return found;
}

/** Each complaint once under each distinct code it names, or once under "Not known" if it names none. */
function countOncePerCode(
  complaints: readonly ComplaintForReturn[],
  codesOf: (complaint: ComplaintForReturn) => Iterable<string>,
) {
  const counts = new Map<string, number>();
  for (const complaint of complaints) {
    const codes = new Set(codesOf(complaint));
    if (codes.size === 0) codes.add(notKnownCode);
    for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

function professionsOf(complaint: ComplaintForReturn, staffGroups: ReferenceList<StaffGroup>): string[] {
  return complaint.issues.flatMap((issue) =>
    issue.staffGroupCodes.flatMap((code) => {
      const profession = staffGroups.byCode.get(code)?.ko41aProfession;
      // A group that counts under no profession ("No staff identified") adds none.
      return profession ? [profession] : [];
    }),
  );
}

/** The code, or nothing when none is recorded. */
const recorded = (code: string | null): string[] => (code === null ? [] : [code]);

const sum = (items: readonly Ko41aLine[]) => items.reduce((total, item) => total + item.count, 0);

/** The return for `period` from the complaints open at some time in it (complaintsForReturn). */
export function ko41aReturn(
  period: Ko41aReturn['period'],
  complaints: readonly ComplaintForReturn[],
  lists: Pick<
    ReferenceLists,
    | 'staffGroups'
    | 'ko41aSubjects'
    | 'ko41aServiceAreas'
    | 'ko41aProfessions'
    | 'ko41aComplainantStatuses'
    | 'ko41aAgeBands'
    | 'ko41aClinicalTreatment'
  >,
): Ko41aReturn {
  const receivedBefore = (complaint: ComplaintForReturn) => complaint.receivedDate < period.start;
  const openOn = (complaint: ComplaintForReturn, day: string) =>
    complaint.receivedDate <= day && (complaint.resolvedDate === null || complaint.resolvedDate > day);
  const broughtForward = complaints.filter(
    (complaint) =>
      receivedBefore(complaint) &&
      (complaint.resolvedDate === null || complaint.resolvedDate >= period.start),
  );
  const received = complaints.filter((complaint) => periodContains(period, complaint.receivedDate));
  const resolved = complaints.filter(
    (complaint) => complaint.resolvedDate !== null && periodContains(period, complaint.resolvedDate),
  );
  const carriedForward = complaints.filter((complaint) => openOn(complaint, period.end));

  const subjectCounts = countOncePerCode(received, (complaint) =>
    complaint.issues.map((issue) => issue.subjectCode),
  );
  const clinical = received.filter((complaint) =>
    complaint.issues.some((issue) => issue.subjectCode === clinicalTreatmentSubject),
  );

  const outcome = { upheld: 0, partiallyUpheld: 0, notUpheld: 0, withdrawn: 0, notDecided: 0 };
  for (const complaint of resolved) {
    const overall = overallOutcome({
      issueOutcomes: complaint.issues.map((issue): IssueOutcome | null => issue.outcome),
      withdrawn: complaint.status === 'withdrawn',
    });
    if (overall === 'upheld') outcome.upheld += 1;
    else if (overall === 'partially-upheld') outcome.partiallyUpheld += 1;
    else if (overall === 'not-upheld') outcome.notUpheld += 1;
    else if (overall === 'withdrawn') outcome.withdrawn += 1;
    else outcome.notDecided += 1;
  }

  const result: Omit<Ko41aReturn, 'validations'> = {
    period,
    summary: {
      broughtForward: broughtForward.length,
      new: received.length,
      resolved: resolved.length,
      carriedForward: carriedForward.length,
    },
    ageOfPatient: lines(
      lists.ko41aAgeBands,
      countOncePerCode(received, (complaint) => recorded(complaint.patientAgeBandCode)),
    ),
    statusOfComplainant: lines(
      lists.ko41aComplainantStatuses,
      countOncePerCode(received, (complaint) => recorded(complaint.complainantStatusCode)),
    ),
    serviceArea: lines(
      lists.ko41aServiceAreas,
      countOncePerCode(received, (complaint) =>
        complaint.issues.flatMap((issue) => recorded(issue.serviceAreaCode)),
      ),
    ),
    clinicalTreatment: lines(
      lists.ko41aClinicalTreatment,
      countOncePerCode(clinical, (complaint) =>
        complaint.issues
          .filter((issue) => issue.subjectCode === clinicalTreatmentSubject)
          .flatMap((issue) => recorded(issue.clinicalTreatmentCode)),
      ),
    ),
    subject: lines(lists.ko41aSubjects, subjectCounts),
    profession: lines(
      lists.ko41aProfessions,
      countOncePerCode(received, (complaint) => professionsOf(complaint, lists.staffGroups)),
    ),
    outcome,
  };
  return { ...result, validations: ko41aValidations(result) };
}

/** The collection's validations (DESIGN.md §3), and the summary's own arithmetic. */
export function ko41aValidations(figures: Omit<Ko41aReturn, 'validations'>): Ko41aValidation[] {
  const { summary, outcome } = figures;
  const outcomes = outcome.upheld + outcome.partiallyUpheld + outcome.notUpheld;
  const check = (rule: string, passed: boolean, detail: string) => ({ rule, passed, detail });
  const equalsNew = (section: string, items: readonly Ko41aLine[]) =>
    check(
      `${section} parts sum to new complaints`,
      sum(items) === summary.new,
      `${sum(items)} against ${summary.new} new`,
    );
  const atLeastNew = (section: string, items: readonly Ko41aLine[]) =>
    check(
      `${section} parts are at least the new complaints`,
      sum(items) >= summary.new,
      `${sum(items)} against ${summary.new} new`,
    );
  return [
    check(
      'Brought forward + new − resolved = carried forward',
      summary.broughtForward + summary.new - summary.resolved === summary.carriedForward,
      `${summary.broughtForward} + ${summary.new} − ${summary.resolved} = ${summary.broughtForward + summary.new - summary.resolved}, carried forward ${summary.carriedForward}`,
    ),
    check(
      'Upheld + partially upheld + not upheld ≤ resolved',
      outcomes <= summary.resolved,
      `${outcome.upheld} + ${outcome.partiallyUpheld} + ${outcome.notUpheld} = ${outcomes}, resolved ${summary.resolved}`,
    ),
    check(
      'Every complaint resolved other than by withdrawal has an outcome',
      outcome.notDecided === 0,
      `${outcome.notDecided} closed with an issue whose outcome is not recorded`,
    ),
    equalsNew('Age of patient', figures.ageOfPatient),
    equalsNew('Status of complainant', figures.statusOfComplainant),
    atLeastNew('Subject', figures.subject),
    atLeastNew('Profession', figures.profession),
    atLeastNew('Service area', figures.serviceArea),
  ];
}

/** The return as CSV: one line per item of each section, then the validations. */
export function ko41aCsv(figures: Ko41aReturn, organisation: { name: string; odsCode: string }): string {
  const rows: (string | number)[][] = [['section', 'code', 'item', 'count']];
  rows.push(['organisation', organisation.odsCode, organisation.name, '']);
  rows.push(['period', figures.period.code, `${figures.period.start} to ${figures.period.end}`, '']);
  rows.push(['summary', 'brought-forward', 'Brought forward', figures.summary.broughtForward]);
  rows.push(['summary', 'new', 'New', figures.summary.new]);
  rows.push(['summary', 'resolved', 'Resolved', figures.summary.resolved]);
  rows.push(['summary', 'carried-forward', 'Carried forward', figures.summary.carriedForward]);
  const section = (name: string, items: readonly Ko41aLine[]) => {
    for (const item of items) rows.push([name, item.code, item.name, item.count]);
  };
  section('age-of-patient', figures.ageOfPatient);
  section('status-of-complainant', figures.statusOfComplainant);
  section('service-area', figures.serviceArea);
  section('clinical-treatment', figures.clinicalTreatment);
  section('subject', figures.subject);
  section('profession', figures.profession);
  rows.push(['outcome', 'upheld', 'Upheld', figures.outcome.upheld]);
  rows.push(['outcome', 'partially-upheld', 'Partially upheld', figures.outcome.partiallyUpheld]);
  rows.push(['outcome', 'not-upheld', 'Not upheld', figures.outcome.notUpheld]);
  rows.push(['outcome', 'withdrawn', 'Withdrawn', figures.outcome.withdrawn]);
  for (const validation of figures.validations) {
    rows.push(['validation', validation.passed ? 'passed' : 'failed', validation.rule, validation.detail]);
  }
  return csv(rows);
}

/** RFC 4180 CSV; a cell starting with =, +, - or @ is prefixed with ' so a spreadsheet does not run it. */
export function csv(rows: readonly (readonly (string | number)[])[]): string {
  const cell = (value: string | number) => {
    if (typeof value === 'number') return String(value);
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
