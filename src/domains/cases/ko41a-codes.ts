import { offeredItems, type ReferenceLists } from './reference-lists.ts';

// What a complaint and its issues record for the KO41a return ("Data on Written Complaints in the
// NHS", DESIGN.md §3) besides subject and staff groups: the patient's age band and the
// complainant's status on the complaint (each new complaint counts once under one of each), and
// the service area and clinical-treatment sub-category on each issue (a complaint counts once
// under each its issues name). Each may be left unrecorded: the return counts it "Not known".

/** The KO41a subject whose issues may record a clinical-treatment sub-category. */
export const clinicalTreatmentSubject = 'clinical-treatment';

/** The KO41a status of a complainant who is the patient themselves. */
export const patientComplainantStatus = 'patient';

type Ko41aLists = Pick<
  ReferenceLists,
  'ko41aAgeBands' | 'ko41aComplainantStatuses' | 'ko41aServiceAreas' | 'ko41aClinicalTreatment'
>;

/** Codes offered now, and any already recorded: a code the list has since retired may stay. */
function allowed(list: ReferenceLists[keyof Ko41aLists], recorded: string | null | undefined) {
  const codes = new Set(offeredItems(list).map((item) => item.code));
  if (recorded) codes.add(recorded);
  return codes;
}

const problemIf = (code: string | null, codes: ReadonlySet<string>, message: string) =>
  code === null || codes.has(code) ? null : message;

/** Field problems with a complaint's age band and complainant status; `recorded` is what it has now. */
export function complaintKo41aProblems(
  lists: Ko41aLists,
  chosen: { patientAgeBandCode: string | null; complainantStatusCode: string | null },
  recorded: { patientAgeBandCode: string | null; complainantStatusCode: string | null } | null = null,
): Record<string, string | null> {
  return {
    patientAgeBandCode: problemIf(
      chosen.patientAgeBandCode,
      allowed(lists.ko41aAgeBands, recorded?.patientAgeBandCode),
      'Select the patient’s age from the list',
    ),
    complainantStatusCode: problemIf(
      chosen.complainantStatusCode,
      allowed(lists.ko41aComplainantStatuses, recorded?.complainantStatusCode),
      'Select who made the complaint from the list',
    ),
  };
}

/**
 * The complainant status the public form records, while the list still offers it: nobody's
 * feedback is refused because the trust retired a code, and staff can record the status later.
 */
export function offeredComplainantStatus(
  lists: Pick<Ko41aLists, 'ko41aComplainantStatuses'>,
  code: string | null,
): string | null {
  return code !== null && allowed(lists.ko41aComplainantStatuses, null).has(code) ? code : null;
}

/**
 * Field problems with an issue's service area and clinical-treatment sub-category: the
 * sub-category only for the subject clinical treatment. `recorded` is what the issue has now.
 */
export function issueKo41aProblems(
  lists: Ko41aLists,
  chosen: { subjectCode: string; serviceAreaCode: string | null; clinicalTreatmentCode: string | null },
  recorded: { serviceAreaCode: string | null; clinicalTreatmentCode: string | null } | null = null,
): Record<string, string | null> {
  return {
    serviceAreaCode: problemIf(
      chosen.serviceAreaCode,
      allowed(lists.ko41aServiceAreas, recorded?.serviceAreaCode),
      'Select the service area from the list',
    ),
    clinicalTreatmentCode:
      chosen.clinicalTreatmentCode !== null && chosen.subjectCode !== clinicalTreatmentSubject
        ? 'Only an issue about clinical treatment has a clinical treatment sub-category: leave it blank'
        : problemIf(
            chosen.clinicalTreatmentCode,
            allowed(lists.ko41aClinicalTreatment, recorded?.clinicalTreatmentCode),
            'Select the clinical treatment sub-category from the list',
          ),
  };
}
