import type { Role } from '#src/domains/identity/index.ts';

// Issue 4, confidentiality: case details with personal data are visible only to complaints and
// PALS officers, the assigned investigator and administrators; service managers see their
// units' cases without personal data.

const seeEveryCasesPersonalData: readonly Role[] = ['administrator', 'complaints_officer'];

/** Whether someone may see a case's personal data (the columns marked CONFIDENTIAL in schema.ts). */
export function maySeePersonalData(
  viewer: { id: string; roles: readonly Role[] },
  investigatorUserId: string | null,
): boolean {
  if (viewer.roles.some((role) => seeEveryCasesPersonalData.includes(role))) return true;
  return viewer.roles.includes('investigator') && investigatorUserId === viewer.id;
}

/** The fields of a feedback record that hold personal data. */
export const personalDataFields = [
  'narrative',
  'desiredOutcome',
  'personName',
  'contactDetails',
  'onBehalfOfName',
  'resolution',
] as const;
type PersonalDataField = (typeof personalDataFields)[number];

/**
 * A record with its personal data removed, naming which fields held some. Used for viewers who may
 * not see it, and for the audit trail: the trail is append-only, so personal data written there
 * could never be removed when the case file is destroyed at the end of its retention.
 */
export function withoutPersonalData<R extends Partial<Record<PersonalDataField, unknown>>>(
  record: R,
): Omit<R, PersonalDataField> & { personalDataWithheld: PersonalDataField[] } {
  const kept: Record<string, unknown> = {};
  const withheld: PersonalDataField[] = [];
  for (const [field, value] of Object.entries(record)) {
    if ((personalDataFields as readonly string[]).includes(field)) {
      const present =
        value !== null &&
        value !== undefined &&
        !(typeof value === 'object' && Object.keys(value).length === 0);
      if (present) withheld.push(field as PersonalDataField);
    } else {
      kept[field] = value;
    }
  }
  return { ...(kept as Omit<R, PersonalDataField>), personalDataWithheld: withheld };
}
