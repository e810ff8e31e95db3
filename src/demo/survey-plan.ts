import { addDays, type IsoDate } from '#src/domains/calendar/index.ts';
import type { ResponseMode, SubmittedAnswers, SurveyVariant } from '#src/domains/surveys/index.ts';
import { dayIn } from './dates.ts';
import { pick, type Random, seededRandom, weighted } from './random.ts';
import type { DemoUnit } from './structure.ts';
import { betterComments, childrenGoodComments, goodComments, staffComments } from './survey-texts.ts';

// Two years (April 2016 to March 2018) of survey responses for the demo trust, planned as data.
// The months and quarters the seed report gives figures for are fixed to reproduce them
// (../shared/seeds/service-experience-report-2017-q2.txt, Tables 13, 14, 15 and 16); the others
// are drawn at random around the same levels. The report's Gloucestershire is the demo's
// Northshire (NTH), Herefordshire its Southshire (STH). Which answers count as positive is the
// surveys domain's business: the plan only chooses answers.

export interface PlannedResponse {
  surveyCode: string;
  unitCode: string;
  variant: SurveyVariant;
  mode: ResponseMode;
  responseDate: IsoDate;
  submissionId: string;
  answers: SubmittedAnswers;
}

export interface PlannedEligibleCount {
  surveyCode: string;
  unitCode: string;
  month: string;
  eligible: number;
}

export interface SurveyPlan {
  responses: PlannedResponse[];
  eligible: PlannedEligibleCount[];
}

/** The demo's months, April 2016 to March 2018. */
export const demoSurveyMonths = Array.from({ length: 24 }, (_, index) => {
  const month = 4 + index;
  const year = 2016 + Math.floor((month - 1) / 12);
  return `${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}`;
});

/** Table 13: FFT responses and how many would recommend (extremely likely or likely), 2017/18 Q1 and Q2. */
export const seedFftMonths: Record<string, { responses: number; recommend: number }> = {
  // Q1: 531 responses at 90% (478 would recommend).
  '2017-04': { responses: 170, recommend: 153 },
  '2017-05': { responses: 180, recommend: 162 },
  '2017-06': { responses: 181, recommend: 163 },
  // Q2: July 135 at 91%, August 116 at 86%, September 215 at 88%; 466 at 88%.
  '2017-07': { responses: 135, recommend: 123 },
  '2017-08': { responses: 116, recommend: 100 },
  '2017-09': { responses: 215, recommend: 189 },
};

type QualityCode = 'involved' | 'crisis-contact' | 'activities' | 'physical-health';
const qualityCodes: QualityCode[] = ['involved', 'crisis-contact', 'activities', 'physical-health'];

/** Table 14: answers and positive answers to each quality question by county, 2017/18 Q2. */
export const seedQualityQuarter: Record<'NTH' | 'STH', Record<QualityCode, [number, number]>> = {
  NTH: { involved: [28, 22], 'crisis-contact': [27, 20], activities: [26, 20], 'physical-health': [24, 21] },
  STH: { involved: [50, 47], 'crisis-contact': [50, 46], activities: [47, 43], 'physical-health': [39, 35] },
};

type ChildVariant = 'children-9-11' | 'young-people-12-18' | 'parent-carer';
/** Tables 15 and 16: responses, would recommend, felt listened to, by questionnaire; Q1 totals 77 at 94%. */
export const seedChildrenQuarters: Record<string, Record<ChildVariant, [number, number, number]>> = {
  '2017/18-Q1': {
    'children-9-11': [8, 7, 8],
    'young-people-12-18': [30, 28, 28],
    'parent-carer': [39, 37, 35],
  },
  '2017/18-Q2': {
    'children-9-11': [15, 12, 15],
    'young-people-12-18': [65, 61, 61],
    'parent-carer': [78, 77, 70],
  },
};

const quarterMonths = (startMonth: string) => {
  const index = demoSurveyMonths.indexOf(startMonth);
  return demoSurveyMonths.slice(index, index + 3);
};
const demoQuarters = [0, 3, 6, 9, 12, 15, 18, 21].map((index) => {
  const first = demoSurveyMonths[index] ?? '2016-04';
  const year = Number(first.slice(0, 4)) - (Number(first.slice(5)) < 4 ? 1 : 0);
  const quarter = ((index / 3) % 4) + 1;
  return {
    code: `${year}/${String((year + 1) % 100).padStart(2, '0')}-Q${quarter}`,
    months: quarterMonths(first),
  };
});

const lastDayOf = (month: string): IsoDate => addDays(`${nextMonth(month)}-01`, -1);
const nextMonth = (month: string) => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
};
const dayInMonth = (random: Random, month: string) =>
  dayIn(random, { start: `${month}-01`, end: lastDayOf(month) });

/** true for `positive` of `total` places, in a random order. */
const positives = (random: Random, total: number, positive: number) =>
  random.shuffle(Array.from({ length: total }, (_, index) => index < positive));

const between = (random: Random, low: number, high: number) => low + random.next() * (high - low);

/** Where the "How did we do?" survey is used: every service but IAPT and CYPS (seed report, 2.5.1). */
const howDidWeDoUnits = (units: readonly DemoUnit[]) =>
  units.filter(
    (unit) =>
      (unit.kind === 'team' || unit.kind === 'ward') &&
      /^(NTH|STH)-/.test(unit.code) &&
      !/^(NTH|STH)-(IAPT|CYP)/.test(unit.code),
  );

function fftModes(month: string): (readonly [ResponseMode, number])[] {
  const modes: (readonly [ResponseMode, number])[] = [
    ['paper-discharge', 3],
    ['paper-home', 2],
    ['electronic-discharge', 3],
    ['online', 2],
    ['telephone', 1],
    ['other', 0.3],
  ];
  // SMS surveys started in 2017/18 Q3 (seed report, 2.5.2).
  return month >= '2017-10' ? [...modes, ['sms', 5]] : modes;
}

export function demoSurveyPlan({ seed, units }: { seed: number; units: readonly DemoUnit[] }): SurveyPlan {
  const random = seededRandom(seed * 7919 + 17);
  const responses: PlannedResponse[] = [];
  const eligible: PlannedEligibleCount[] = [];
  const serviceUnits = howDidWeDoUnits(units);
  const counties = {
    NTH: serviceUnits.filter((u) => u.code.startsWith('NTH-')),
    STH: serviceUnits.filter((u) => u.code.startsWith('STH-')),
  };
  // Some units hear from many people, some from few: a few with 1–4 a month shows suppression.
  const unitWeights = serviceUnits.map((unit) => [unit, between(random, 0.2, 3)] as const);
  let number = 0;
  const submissionId = (survey: string) => {
    number += 1;
    return `demo-${survey}-${String(number).padStart(6, '0')}`;
  };

  // The Friends and Family Test, pre-2020 wording (version 1 of the FFT template).
  for (const month of demoSurveyMonths) {
    const fixed = seedFftMonths[month];
    const total = fixed?.responses ?? random.integer(150, 230);
    const recommend = fixed?.recommend ?? Math.round(total * between(random, 0.86, 0.93));
    const perUnit = new Map<string, number>();
    for (const recommends of positives(random, total, recommend)) {
      const unit = weighted(random, unitWeights);
      perUnit.set(unit.code, (perUnit.get(unit.code) ?? 0) + 1);
      const fft = recommends
        ? weighted(random, [
            ['extremely-likely', 3],
            ['likely', 2],
          ] as const)
        : weighted(random, [
            ['neither', 3],
            ['unlikely', 2],
            ['extremely-unlikely', 1],
            ['dont-know', 2],
          ] as const);
      const answers: SubmittedAnswers = { fft };
      if (random.next() < (recommends ? 0.45 : 0.2)) answers.good = pick(random, goodComments);
      if (random.next() < (recommends ? 0.15 : 0.6)) answers.better = pick(random, betterComments);
      responses.push({
        surveyCode: 'fft',
        unitCode: unit.code,
        variant: random.next() < 0.08 ? 'easy-read' : 'standard',
        mode: weighted(random, fftModes(month)),
        responseDate: dayInMonth(random, month),
        submissionId: submissionId('fft'),
        answers,
      });
    }
    // Eligible people: a response rate of 2–6% of those each unit could have asked.
    for (const unit of serviceUnits) {
      const answered = perUnit.get(unit.code) ?? 0;
      const count =
        answered > 0 ? Math.round(answered / between(random, 0.02, 0.06)) : random.integer(10, 40);
      eligible.push({ surveyCode: 'fft', unitCode: unit.code, month, eligible: count });
    }
  }

  // "How did we do?" quality questions, a quarter at a time by county.
  for (const quarter of demoQuarters) {
    for (const county of ['NTH', 'STH'] as const) {
      const fixed = quarter.code === '2017/18-Q2' ? seedQualityQuarter[county] : null;
      const size = random.integer(20, 55);
      const plan = Object.fromEntries(
        qualityCodes.map((code) => {
          const answered = fixed?.[code][0] ?? (code === 'involved' ? size : size - random.integer(0, 6));
          const positive = fixed?.[code][1] ?? Math.round(answered * between(random, 0.78, 0.95));
          return [code, { answered, positive: positives(random, answered, positive) }];
        }),
      ) as Record<QualityCode, { answered: number; positive: boolean[] }>;
      const people = Math.max(...qualityCodes.map((code) => plan[code].answered));
      const countyUnits = counties[county];
      for (let person = 0; person < people; person += 1) {
        const answers: SubmittedAnswers = {};
        for (const code of qualityCodes) {
          if (person >= plan[code].answered) continue;
          answers[code] = plan[code].positive[person]
            ? 'yes'
            : weighted(random, [
                ['partly', 2],
                ['no', 1],
              ] as const);
        }
        responses.push({
          surveyCode: 'how-did-we-do',
          unitCode: pick(random, countyUnits).code,
          variant: 'standard',
          mode: weighted(random, [
            ['paper-discharge', 2],
            ['paper-home', 2],
            ['online', 1],
          ] as const),
          responseDate: dayInMonth(random, pick(random, quarter.months)),
          submissionId: submissionId('hdwd'),
          answers,
        });
      }
    }
  }

  // The children and young people's service's questionnaires (adapted FFT, felt listened to).
  const childrenUnits = units.filter((unit) => unit.kind === 'team' && /^(NTH|STH)-CYP-/.test(unit.code));
  for (const quarter of demoQuarters) {
    for (const variant of ['children-9-11', 'young-people-12-18', 'parent-carer'] as const) {
      const fixed = seedChildrenQuarters[quarter.code]?.[variant];
      const size =
        fixed?.[0] ?? (variant === 'children-9-11' ? random.integer(6, 16) : random.integer(25, 70));
      const recommend = positives(random, size, fixed?.[1] ?? Math.round(size * between(random, 0.85, 0.98)));
      const listened = positives(random, size, fixed?.[2] ?? Math.round(size * between(random, 0.85, 0.98)));
      for (let person = 0; person < size; person += 1) {
        const answers: SubmittedAnswers = {
          fft: recommend[person]
            ? weighted(random, [
                ['extremely-likely', 3],
                ['likely', 1],
              ] as const)
            : weighted(random, [
                ['neither', 2],
                ['unlikely', 1],
                ['dont-know', 1],
              ] as const),
          listened: listened[person]
            ? 'certainly-true'
            : weighted(random, [
                ['partly-true', 3],
                ['not-true', 1],
              ] as const),
        };
        if (random.next() < 0.3) answers.good = pick(random, childrenGoodComments);
        responses.push({
          surveyCode: 'children',
          unitCode: pick(random, childrenUnits).code,
          variant,
          mode: weighted(random, [
            ['paper-discharge', 3],
            ['online', 1],
          ] as const),
          responseDate: dayInMonth(random, pick(random, quarter.months)),
          submissionId: submissionId('cyp'),
          answers,
        });
      }
    }
  }

  // The staff Friends and Family Test, asked each quarter in its middle month.
  const staffUnits = units.filter((unit) => unit.kind === 'team');
  for (const quarter of demoQuarters) {
    const size = random.integer(150, 260);
    for (let person = 0; person < size; person += 1) {
      const answers: SubmittedAnswers = {
        care: weighted(random, [
          ['extremely-likely', 4],
          ['likely', 4],
          ['neither', 1],
          ['unlikely', 0.5],
          ['dont-know', 0.5],
        ] as const),
        work: weighted(random, [
          ['extremely-likely', 3],
          ['likely', 3],
          ['neither', 2],
          ['unlikely', 1],
          ['extremely-unlikely', 0.5],
          ['dont-know', 0.5],
        ] as const),
      };
      if (random.next() < 0.1) answers.comments = pick(random, staffComments);
      responses.push({
        surveyCode: 'staff',
        unitCode: pick(random, staffUnits).code,
        variant: 'staff',
        mode: 'online',
        responseDate: dayInMonth(random, quarter.months[1] ?? quarter.months[0] ?? '2016-05'),
        submissionId: submissionId('staff'),
        answers,
      });
    }
  }
  return { responses, eligible };
}
