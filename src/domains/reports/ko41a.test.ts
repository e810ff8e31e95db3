import { describe, expect, it } from 'vitest';
import { financialYear, quarter } from '#src/domains/calendar/index.ts';
import { type ComplaintForReturn, referenceLists } from '#src/domains/cases/index.ts';
import { csv, type Ko41aLine, ko41aCsv, ko41aPeriodKind, ko41aReturn, ko41aValidations } from './ko41a.ts';

// DESIGN.md §3, KO41a ("Data on Written Complaints in the NHS"): annual since 2022-23; a complaint
// counts once in the total but once per subject, service area and profession; upheld + partially
// upheld + not upheld ≤ total; age and complainant-status parts each sum to new complaints;
// subject and profession parts each ≥ new complaints. What a complaint does not record counts
// under "Not known".

type IssueRow = [
  subject: string,
  staffGroups: string[],
  outcome: 'upheld' | 'not-upheld' | null,
  ko41a?: { serviceArea?: string; clinicalTreatment?: string },
];

let next = 0;
function complaint(
  receivedDate: string,
  resolvedDate: string | null,
  issues: IssueRow[] = [],
  about: { status?: ComplaintForReturn['status']; ageBand?: string; complainant?: string } = {},
): ComplaintForReturn {
  next += 1;
  return {
    recordId: `r${next}`,
    reference: `C-${next}`,
    unitId: 'u',
    receivedDate,
    resolvedDate,
    responseSentDate: resolvedDate,
    status: about.status ?? (resolvedDate === null ? 'open' : 'closed'),
    patientAgeBandCode: about.ageBand ?? null,
    complainantStatusCode: about.complainant ?? null,
    issues: issues.map(([subjectCode, staffGroupCodes, outcome, ko41a]) => ({
      subjectCode,
      staffGroupCodes,
      serviceAreaCode: ko41a?.serviceArea ?? null,
      clinicalTreatmentCode: ko41a?.clinicalTreatment ?? null,
      outcome,
    })),
  };
}

const year = financialYear(2023); // 2023/24: 1 April 2023 to 31 March 2024
// A small year built by hand: two brought forward, five new, four resolved. Some complaints record
// the patient's age band, the complainant's status and their issues' service areas and
// clinical-treatment sub-categories; some record none of them.
const complaints = [
  // Brought forward: received in 2022/23, resolved in 2023/24 (partially upheld). What it records
  // is not counted: only new complaints are.
  complaint(
    '2023-02-10',
    '2023-04-20',
    [
      ['communications', ['nursing'], 'upheld', { serviceArea: 'outpatient' }],
      ['appointments', ['admin'], 'not-upheld'],
    ],
    { ageBand: '85-and-over', complainant: 'other' },
  ),
  // Brought forward and still open at the end: carried forward.
  complaint('2023-03-31', null, [['waiting-times', ['medical'], null]]),
  // New 1: two issues under one subject and two professions, in two service areas; upheld.
  complaint(
    '2023-04-01',
    '2023-05-30',
    [
      ['communications', ['nursing', 'medical'], 'upheld', { serviceArea: 'inpatient' }],
      ['communications', ['hca'], 'upheld', { serviceArea: 'outpatient' }],
    ],
    { ageBand: '65-74', complainant: 'relative-or-carer' },
  ),
  // New 2: two issues of clinical treatment with no staff identified, one naming its sub-category,
  // both in mental health; not upheld.
  complaint(
    '2023-06-15',
    '2023-08-01',
    [
      [
        'clinical-treatment',
        ['none'],
        'not-upheld',
        { serviceArea: 'mental-health', clinicalTreatment: 'mental-health' },
      ],
      ['clinical-treatment', ['none'], 'not-upheld', { serviceArea: 'mental-health' }],
    ],
    { ageBand: '18-64', complainant: 'patient' },
  ),
  // New 3: withdrawn, no issues recorded, so no service area; made by the patient, age not recorded.
  complaint('2023-09-01', '2023-09-10', [], { status: 'withdrawn', complainant: 'patient' }),
  // New 4: open at the end with two subjects (clinical treatment among them, its sub-category not
  // recorded), one issue naming its service area; carried forward. Complainant not recorded.
  complaint(
    '2024-03-01',
    null,
    [
      ['clinical-treatment', ['psychology'], null, { serviceArea: 'community-health-services' }],
      ['values-and-behaviours', ['psychology', 'social-worker'], null],
    ],
    { ageBand: '18-64' },
  ),
  // New 5 on the last day, resolved after the year: carried forward. Records nothing for KO41a.
  complaint('2024-03-31', '2024-04-02', [['facilities', ['estates'], 'not-upheld']]),
];

const figures = ko41aReturn(year, complaints, referenceLists());
const counted = (items: readonly Ko41aLine[]) =>
  Object.fromEntries(items.filter((item) => item.count > 0).map((item) => [item.code, item.count]));
const total = (items: readonly Ko41aLine[]) => items.reduce((sum, item) => sum + item.count, 0);

describe('the KO41a return for a small year built by hand (2023/24)', () => {
  it('summary: 2 brought forward + 5 new − 4 resolved = 3 carried forward', () => {
    expect(figures.summary).toEqual({ broughtForward: 2, new: 5, resolved: 4, carriedForward: 3 });
  });

  it('age of patient: each new complaint once under its recorded band, "Not known" only where none is recorded', () => {
    expect(figures.ageOfPatient.map((item) => item.code)).toEqual([
      '0-17',
      '18-64',
      '65-74',
      '75-84',
      '85-and-over',
      'not-known',
    ]);
    // New 2 and 4 are 18 to 64, new 1 is 65 to 74; new 3 and 5 record no age. The brought-forward
    // complaint's 85 and over is not counted.
    expect(counted(figures.ageOfPatient)).toEqual({ '18-64': 2, '65-74': 1, 'not-known': 2 });
    expect(total(figures.ageOfPatient)).toBe(figures.summary.new);
  });

  it('status of complainant: each new complaint once under its recorded status, or "Not known"', () => {
    // New 2 and 3 by the patient, new 1 by a relative; new 4 and 5 record none.
    expect(counted(figures.statusOfComplainant)).toEqual({
      patient: 2,
      'relative-or-carer': 1,
      'not-known': 2,
    });
    expect(total(figures.statusOfComplainant)).toBe(figures.summary.new);
  });

  it('service area: once under each area a new complaint’s issues name; "Not known" only when none names one', () => {
    expect(counted(figures.serviceArea)).toEqual({
      // New 1 names two areas: once under each.
      inpatient: 1,
      outpatient: 1,
      // New 2 names mental health on both issues: once.
      'mental-health': 1,
      // New 4 names one area on one of its two issues: counted under it alone.
      'community-health-services': 1,
      // New 3 has no issues and new 5's issue names no area.
      'not-known': 2,
    });
    expect(figures.serviceArea[0]).toEqual({ code: 'inpatient', name: 'Inpatient', count: 1 });
    expect(total(figures.serviceArea)).toBeGreaterThanOrEqual(figures.summary.new);
  });

  it('clinical treatment: the 2 new complaints about it, under the sub-category their clinical-treatment issues name', () => {
    // New 2 names mental health on one of its two clinical-treatment issues; new 4 names none.
    expect(counted(figures.clinicalTreatment)).toEqual({ 'mental-health': 1, 'not-known': 1 });
  });

  it('subject: once per subject a new complaint names, however many issues name it; none named is "Not known"', () => {
    expect(counted(figures.subject)).toEqual({
      communications: 1,
      'clinical-treatment': 2,
      'values-and-behaviours': 1,
      facilities: 1,
      'not-known': 1,
    });
  });

  it('profession: once per profession of the staff groups named; "No staff identified" names none', () => {
    expect(counted(figures.profession)).toEqual({
      // Nursing and HCA both count as nursing: once for that complaint.
      nursing: 1,
      medical: 1,
      // Psychology on two issues of one complaint: once.
      'scientific-therapeutic-technical': 1,
      // Social worker and estates count as other.
      other: 2,
      // The withdrawn complaint with no issues and the one naming no staff.
      'not-known': 2,
    });
  });

  it('outcomes of the 4 resolved: 1 upheld, 1 partially upheld, 1 not upheld, 1 withdrawn', () => {
    expect(figures.outcome).toEqual({
      upheld: 1,
      partiallyUpheld: 1,
      notUpheld: 1,
      withdrawn: 1,
      notDecided: 0,
    });
  });

  it('passes every validation of the collection', () => {
    expect(figures.validations.filter((validation) => !validation.passed)).toEqual([]);
    expect(figures.validations.map((validation) => validation.rule)).toEqual([
      'Brought forward + new − resolved = carried forward',
      'Upheld + partially upheld + not upheld ≤ resolved',
      'Every complaint resolved other than by withdrawal has an outcome',
      'Age of patient parts sum to new complaints',
      'Status of complainant parts sum to new complaints',
      'Subject parts are at least the new complaints',
      'Profession parts are at least the new complaints',
      'Service area parts are at least the new complaints',
    ]);
  });

  it('exports CSV with one line per item and the validations', () => {
    const text = ko41aCsv(figures, { name: 'Northshire NHS Trust', odsCode: 'RXX' });
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('section,code,item,count');
    expect(lines).toContain('summary,brought-forward,Brought forward,2');
    expect(lines).toContain('age-of-patient,18-64,18 to 64,2');
    expect(lines).toContain('status-of-complainant,relative-or-carer,Relative or carer,1');
    expect(lines).toContain('service-area,community-health-services,Community health services,1');
    expect(lines).toContain('clinical-treatment,mental-health,Mental health,1');
    expect(lines).toContain('subject,communications,Communications,1');
    expect(lines).toContain('profession,not-known,Not known,2');
    expect(lines).toContain('outcome,partially-upheld,Partially upheld,1');
    expect(lines).toContain(
      'validation,passed,Upheld + partially upheld + not upheld ≤ resolved,"1 + 1 + 1 = 3, resolved 4"',
    );
  });
});

describe('a year whose complaints record nothing for KO41a', () => {
  it('counts every new complaint "Not known" for age, status and service area, and each clinical one for its sub-category', () => {
    const bare = ko41aReturn(
      year,
      [
        complaint('2023-05-02', null, [['clinical-treatment', ['medical'], null]]),
        complaint('2023-05-03', null, [['communications', ['admin'], null]]),
      ],
      referenceLists(),
    );
    expect(counted(bare.ageOfPatient)).toEqual({ 'not-known': 2 });
    expect(counted(bare.statusOfComplainant)).toEqual({ 'not-known': 2 });
    expect(counted(bare.serviceArea)).toEqual({ 'not-known': 2 });
    expect(counted(bare.clinicalTreatment)).toEqual({ 'not-known': 1 });
  });

  it('leaves out "Not known" when every new complaint records its age band', () => {
    const complete = ko41aReturn(
      year,
      [complaint('2023-05-02', null, [['communications', ['admin'], null]], { ageBand: '0-17' })],
      referenceLists(),
    );
    expect(complete.ageOfPatient.map((item) => item.code)).not.toContain('not-known');
  });
});

describe('the KO41a validations fail when the figures do not add up', () => {
  it('refuses more outcomes than resolved complaints, parts that do not sum to new, and outcomes not recorded', () => {
    const broken = {
      ...figures,
      outcome: { upheld: 3, partiallyUpheld: 1, notUpheld: 1, withdrawn: 0, notDecided: 1 },
      ageOfPatient: [{ code: '0-17', name: '0 to 17', count: 4 }],
      subject: [{ code: 'communications', name: 'Communications', count: 4 }],
      summary: { ...figures.summary, carriedForward: 9 },
    };
    expect(
      ko41aValidations(broken)
        .filter((validation) => !validation.passed)
        .map((validation) => validation.rule),
    ).toEqual([
      'Brought forward + new − resolved = carried forward',
      'Upheld + partially upheld + not upheld ≤ resolved',
      'Every complaint resolved other than by withdrawal has an outcome',
      'Age of patient parts sum to new complaints',
      'Subject parts are at least the new complaints',
    ]);
  });

  it('counts a closed complaint with an undecided issue as not decided, and fails the return', () => {
    const figuresWithGap = ko41aReturn(
      quarter(2017, 2),
      [complaint('2017-07-03', '2017-08-01', [['communications', ['nursing'], null]])],
      referenceLists(),
    );
    expect(figuresWithGap.outcome.notDecided).toBe(1);
    expect(figuresWithGap.validations.find((validation) => !validation.passed)?.rule).toBe(
      'Every complaint resolved other than by withdrawal has an outcome',
    );
  });
});

describe('the KO41a period', () => {
  it.each([
    [2017, 'quarter'],
    [2021, 'quarter'],
    [2022, 'financial-year'],
    [2024, 'financial-year'],
  ])('from the financial year starting April %i the return is by %s', (startYear, kind) => {
    expect(ko41aPeriodKind(startYear)).toBe(kind);
  });
});

describe('csv', () => {
  it('quotes commas, quotes and line breaks, and defuses formulae', () => {
    expect(csv([['a,b', 'say "hi"', '=SUM(A1)', 3]])).toBe('"a,b","say ""hi""",\'=SUM(A1),3\r\n');
  });
});
