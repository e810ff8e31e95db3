import { type Random, seededRandom, weighted } from './random.ts';

// What the demo trust's complaints record for the KO41a return: the patient's age band and the
// complainant's status, and each issue's service area and clinical-treatment sub-category (codes of
// reference/ko41a-*.json). Drawn from a generator of their own, seeded by the record's key, so that
// adding them changes nothing else the demo plan draws: the seed report's figures stay as they are.
// A few are left unrecorded, as in a real trust, so the return shows a little "Not known".

/** A generator for one record, the same every time for the same key (FNV-1a of the key). */
function randomFor(key: string, purpose: string): Random {
  let hash = 0x811c9dc5;
  for (const character of `${purpose}:${key}`) {
    hash ^= character.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return seededRandom(hash);
}

// A mental health and community trust: mostly working-age adults, some children and older people.
const ageBands: readonly (readonly [string | null, number])[] = [
  ['0-17', 12],
  ['18-64', 62],
  ['65-74', 9],
  ['75-84', 8],
  ['85-and-over', 3],
  [null, 6],
];

/** The patient's age band and who complained; someone complaining for the patient is a relative or other. */
export function demoComplaintKo41a(
  key: string,
  unitCode: string,
  complainsForSomeoneElse: boolean,
): { patientAgeBandCode: string | null; complainantStatusCode: string | null } {
  const random = randomFor(key, 'complaint');
  // Children's services are about children; older people's services about those over 65.
  const patientAgeBandCode = unitCode.includes('-CYP')
    ? '0-17'
    : unitCode.includes('-OP')
      ? weighted(random, [
          ['65-74', 3],
          ['75-84', 4],
          ['85-and-over', 2],
        ])
      : weighted(random, ageBands);
  const complainantStatusCode = complainsForSomeoneElse
    ? weighted<string | null>(random, [
        ['relative-or-carer', 8],
        ['other', 2],
      ])
    : weighted<string | null>(random, [
        ['patient', 90],
        ['relative-or-carer', 5],
        [null, 5],
      ]);
  return { patientAgeBandCode, complainantStatusCode };
}

/** An issue's service area from the unit it is about, and its sub-category when it is about clinical treatment. */
export function demoIssueKo41a(
  key: string,
  unitCode: string,
  subjectCode: string,
): { serviceAreaCode: string | null; clinicalTreatmentCode: string | null } {
  const random = randomFor(key, 'issue');
  const ward = unitCode.includes('-W-');
  const serviceAreaCode =
    random.next() < 0.05
      ? null
      : unitCode.startsWith('CORP')
        ? 'other'
        : ward
          ? 'inpatient'
          : unitCode.includes('-LD')
            ? 'learning-disabilities'
            : 'mental-health';
  const clinicalTreatmentCode =
    subjectCode !== 'clinical-treatment' || random.next() < 0.1
      ? null
      : unitCode.includes('-CYP')
        ? 'paediatrics'
        : unitCode.includes('-OP')
          ? 'elderly-care'
          : unitCode.includes('-LD')
            ? 'learning-disabilities'
            : 'mental-health';
  return { serviceAreaCode, clinicalTreatmentCode };
}
