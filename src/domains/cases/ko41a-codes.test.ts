import { describe, expect, it } from 'vitest';
import { complaintKo41aProblems, issueKo41aProblems, offeredComplainantStatus } from './ko41a-codes.ts';
import { type ReferenceList, referenceLists } from './reference-lists.ts';

// DESIGN.md §3, KO41a: each new complaint counts once under the patient's age band and once under
// the complainant's status; clinical-treatment sub-categories belong to the subject clinical
// treatment. The code lists are data (reference/), and a code the list has since retired may stay
// on a record that already has it.

const withRetired = (list: ReferenceList, code: string): ReferenceList => ({
  ...list,
  items: list.items.map((item) => (item.code === code ? { ...item, retired: true } : item)),
});
const shipped = referenceLists();
const lists = {
  ...shipped,
  ko41aAgeBands: withRetired(shipped.ko41aAgeBands, '85-and-over'),
  ko41aServiceAreas: withRetired(shipped.ko41aServiceAreas, 'ambulance'),
};
const none = { patientAgeBandCode: null, complainantStatusCode: null };
const noIssueCodes = { serviceAreaCode: null, clinicalTreatmentCode: null };
const problems = (found: Record<string, string | null>) =>
  Object.fromEntries(Object.entries(found).filter(([, problem]) => problem !== null));

describe('the complainant status the public form records', () => {
  it('is the patient while the list offers it, and nothing once the trust has retired that code', () => {
    expect(offeredComplainantStatus(shipped, 'patient')).toBe('patient');
    expect(offeredComplainantStatus(shipped, null)).toBeNull();
    const retired = { ko41aComplainantStatuses: withRetired(shipped.ko41aComplainantStatuses, 'patient') };
    expect(offeredComplainantStatus(retired, 'patient')).toBeNull();
  });
});

describe('a complaint’s age band and complainant status', () => {
  it.each([
    ['nothing recorded', none, null, {}],
    ['codes on the lists', { patientAgeBandCode: '0-17', complainantStatusCode: 'patient' }, null, {}],
    [
      'codes not on the lists',
      { patientAgeBandCode: '16-25', complainantStatusCode: 'mp' },
      null,
      {
        patientAgeBandCode: 'Select the patient’s age from the list',
        complainantStatusCode: 'Select who made the complaint from the list',
      },
    ],
    [
      'a retired band newly chosen',
      { ...none, patientAgeBandCode: '85-and-over' },
      none,
      { patientAgeBandCode: 'Select the patient’s age from the list' },
    ],
    [
      'a retired band already recorded, kept',
      { ...none, patientAgeBandCode: '85-and-over' },
      { ...none, patientAgeBandCode: '85-and-over' },
      {},
    ],
  ])('%s', (_case, chosen, recorded, expected) => {
    expect(problems(complaintKo41aProblems(lists, chosen, recorded))).toEqual(expected);
  });
});

describe('an issue’s service area and clinical-treatment sub-category', () => {
  it.each([
    ['nothing recorded', { subjectCode: 'communications', ...noIssueCodes }, null, {}],
    [
      'a service area on the list, for any subject',
      { subjectCode: 'communications', serviceAreaCode: 'inpatient', clinicalTreatmentCode: null },
      null,
      {},
    ],
    [
      'a sub-category for clinical treatment',
      { subjectCode: 'clinical-treatment', serviceAreaCode: null, clinicalTreatmentCode: 'paediatrics' },
      null,
      {},
    ],
    [
      'a sub-category for another subject',
      { subjectCode: 'communications', serviceAreaCode: null, clinicalTreatmentCode: 'paediatrics' },
      null,
      {
        clinicalTreatmentCode:
          'Only an issue about clinical treatment has a clinical treatment sub-category: leave it blank',
      },
    ],
    [
      'codes not on the lists',
      { subjectCode: 'clinical-treatment', serviceAreaCode: 'car-park', clinicalTreatmentCode: 'dentistry' },
      null,
      {
        serviceAreaCode: 'Select the service area from the list',
        clinicalTreatmentCode: 'Select the clinical treatment sub-category from the list',
      },
    ],
    [
      'a retired service area newly chosen',
      { subjectCode: 'communications', serviceAreaCode: 'ambulance', clinicalTreatmentCode: null },
      noIssueCodes,
      { serviceAreaCode: 'Select the service area from the list' },
    ],
    [
      'a retired service area already recorded, kept',
      { subjectCode: 'communications', serviceAreaCode: 'ambulance', clinicalTreatmentCode: null },
      { serviceAreaCode: 'ambulance', clinicalTreatmentCode: null },
      {},
    ],
  ])('%s', (_case, chosen, recorded, expected) => {
    expect(problems(issueKo41aProblems(lists, chosen, recorded))).toEqual(expected);
  });
});
