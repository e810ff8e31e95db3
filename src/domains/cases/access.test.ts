import { describe, expect, it } from 'vitest';
import type { Role } from '#src/domains/identity/index.ts';
import { maySeePersonalData, withoutPersonalData } from './access.ts';

// Issue 4: personal data only for complaints and PALS officers, the assigned investigator and administrators.
describe('maySeePersonalData', () => {
  it.each<[string, Role[], string | null, boolean]>([
    ['a complaints and PALS officer', ['complaints_officer'], null, true],
    ['an administrator', ['administrator'], null, true],
    ['the assigned investigator', ['investigator'], 'me', true],
    ['an investigator not assigned', ['investigator'], 'someone-else', false],
    ['a service manager', ['service_manager'], null, false],
    [
      'a service manager who is also the investigator, as investigator',
      ['service_manager', 'investigator'],
      'me',
      true,
    ],
    ['an executive', ['executive'], null, false],
  ])('%s: %s', (_case, roles, investigator, expected) => {
    expect(maySeePersonalData({ id: 'me', roles }, investigator)).toBe(expected);
  });
});

describe('withoutPersonalData', () => {
  it('drops the confidential fields and names those that held something', () => {
    expect(
      withoutPersonalData({
        reference: 'C-2017-00001',
        narrative: 'My mother waited six hours',
        personName: 'Ann Example',
        contactDetails: {},
        onBehalfOfName: null,
      }),
    ).toEqual({ reference: 'C-2017-00001', personalDataWithheld: ['narrative', 'personName'] });
  });
});
