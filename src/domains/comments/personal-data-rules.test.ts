import { describe, expect, it } from 'vitest';
import { commonFirstNames } from './personal-data-names.ts';
import { isValidNhsNumber, redactPersonalData } from './personal-data-rules.ts';

const names = commonFirstNames();

describe('NHS number check digit (modulus 11, NHS Data Dictionary)', () => {
  it.each([
    ['9434765919', true],
    ['943 476 5919', true],
    ['401-023-2137', true],
    ['4010232138', false], // wrong check digit
    ['1234567890', false], // check digit would be 10: never issued
    ['94347659', false],
  ])('%s is valid: %s', (candidate, valid) => {
    expect(isValidNhsNumber(candidate)).toBe(valid);
  });
});

describe('personal data is found and replaced by placeholders', () => {
  it.each([
    ['Nurse Sarah was lovely', 'Nurse [name] was lovely', ['name']],
    ['nurse Grace looked after me', 'nurse [name] looked after me', ['name']],
    ['Dr Okonkwo explained everything', 'Dr [name] explained everything', ['name']],
    ['Mrs Patel on reception was rude', 'Mrs [name] on reception was rude', ['name']],
    ['My name is Jo Bloggs and I waited', 'My name is [name] and I waited', ['name']],
    ['my son Alfie was seen quickly', 'my son [name] was seen quickly', ['name']],
    ['Thank you to Emma Thompson and the team', 'Thank you to [name] and the team', ['name']],
    ['Please call me on 07700 900123', 'Please call me on [phone]', ['phone']],
    ['ring 0191 496 0000 or +44 20 7946 0958', 'ring [phone] or [phone]', ['phone']],
    ['email me at jo.bloggs@example.co.uk', 'email me at [email]', ['email']],
    ['my NHS number is 943 476 5919', 'my NHS number is [NHS number]', ['NHS number']],
    ['I live at NE1 4LP near the station', 'I live at [postcode] near the station', ['postcode']],
    ['date of birth 12/03/1954, seen today', 'date of birth [date of birth], seen today', ['date of birth']],
    ['I was born on 3rd March 1950', 'I was born on [date of birth]', ['date of birth']],
    ['they came to 14 Acacia Avenue twice', 'they came to [address] twice', ['address']],
    [
      'Dr Smith rang 07700 900123 about 9 Mill Lane',
      'Dr [name] rang [phone] about [address]',
      ['name', 'phone', 'address'],
    ],
  ])('%s', (text, redacted, kinds) => {
    const result = redactPersonalData(text, names);
    expect(result.redacted).toBe(redacted);
    expect(result.kinds).toEqual(kinds);
    expect(result.containsPersonalData).toBe(true);
  });
});

describe('ordinary comments are left alone', () => {
  it.each([
    'The nurse was lovely and the doctor explained everything',
    'Waited 4 hours in A&E on Monday',
    'Will you please answer the phone more quickly',
    'I called 111 and waited 45 minutes, then 999',
    'The Crisis Team were excellent',
    'Staff on Ward 12 were kind, thank you NHS',
    'My mum was seen at the Freeman Hospital in March 2023',
    'Parking cost £4.50 for 2 hours',
    'Grace and dignity were shown throughout',
    'Reference 1234567890 on my letter', // not a valid NHS number
    'I take 20 mg twice a day',
    'Took 3 hours to get a bed on the Day Unit',
  ])('%s', (text) => {
    const result = redactPersonalData(text, names);
    expect(result.redacted).toBe(text);
    expect(result.containsPersonalData).toBe(false);
  });
});

describe('places named after people are not people', () => {
  it.each(['seen at James Cook Hospital today', 'the Alexandra Wing was clean'])('%s', (text) => {
    expect(redactPersonalData(text, names).redacted).toBe(text);
  });
});
