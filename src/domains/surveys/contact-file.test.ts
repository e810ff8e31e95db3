import { describe, expect, it } from 'vitest';
import { contactDateOf, contactsFromRows, maskedContact } from './contact-file.ts';

async function* rowsOf(lines: string[][]) {
  for (const line of lines) yield line;
}

describe('a file of recent contacts', () => {
  it('reads each row into a contact, the channel from the column or from the contact itself', async () => {
    const file = await contactsFromRows(
      rowsOf([
        ['Contact', 'Unit_Code', 'contact_date', 'channel'],
        ['07700 900 982', 'W1', '03/09/2021', ''],
        ['name@example.com', 'W1', '2021-09-04', ''],
        ['07700 900 983', 'W1', '2021-09-04', 'Text message'],
        ['', '', '', ''],
        ['07700 900 984', 'W1', '31/02/2021', 'fax'],
      ]),
      100,
    );
    expect(file.unusable).toBeNull();
    expect(file.rows).toEqual([
      {
        rowNumber: 2,
        contact: { channel: 'sms', contact: '07700 900 982', unitCode: 'W1', contactDate: '2021-09-03' },
      },
      {
        rowNumber: 3,
        contact: { channel: 'email', contact: 'name@example.com', unitCode: 'W1', contactDate: '2021-09-04' },
      },
      {
        rowNumber: 4,
        contact: { channel: 'sms', contact: '07700 900 983', unitCode: 'W1', contactDate: '2021-09-04' },
      },
    ]);
    expect(file.refused).toEqual([
      { rowNumber: 6, problem: 'channel: give sms or email, or leave it blank' },
    ]);
  });

  it('refuses a file without the columns it needs, or longer than the page takes', async () => {
    expect((await contactsFromRows(rowsOf([['phone', 'ward']]), 100)).unusable).toBe(
      'The file must have the columns contact, unit_code, contact_date in its first row: contact, unit_code, contact_date are missing',
    );
    expect((await contactsFromRows(rowsOf([]), 100)).unusable).toBe('The file is empty');
    const long = [
      ['contact', 'unit_code', 'contact_date'],
      ...Array.from({ length: 3 }, () => ['07700900982', 'W1', '2021-09-01']),
    ];
    expect((await contactsFromRows(rowsOf(long), 2)).unusable).toBe(
      'The file has more than 2 contacts: split it into smaller files',
    );
  });

  it('reads dates the day first, as in England, and refuses dates that do not exist', () => {
    expect(contactDateOf('3/9/2021')).toBe('2021-09-03');
    expect(contactDateOf('2021-09-03')).toBe('2021-09-03');
    expect(contactDateOf('31/02/2021')).toBeNull();
    expect(contactDateOf('09/03/21')).toBeNull();
  });

  it('shows enough of a contact to find the row and too little to use it', () => {
    expect(maskedContact('07700 900 982')).toBe('•••982');
    expect(maskedContact('name@example.com')).toBe('n•••@example.com');
    expect(maskedContact('12')).toBe('•••');
  });
});
