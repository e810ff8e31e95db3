import { isIsoDate } from '#src/domains/calendar/index.ts';
import type { RecentContact } from './invitations.ts';
import type { InvitationChannel } from './schema.ts';

// A file of recent contacts to invite to a survey (an export from the patient administration
// system): one contact a row, with the columns channel (optional), contact, unit_code and
// contact_date. Read here into the invitation service's contacts; the service checks the rest.

export const contactColumns = ['channel', 'contact', 'unit_code', 'contact_date'] as const;
const requiredColumns = ['contact', 'unit_code', 'contact_date'] as const;

export interface ContactFileRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  rowNumber: number;
  contact: RecentContact;
}

export interface ContactFile {
  rows: ContactFileRow[];
  /** Rows refused before the invitation service sees them, such as a channel it does not know. */
  refused: { rowNumber: number; problem: string }[];
  /** Why the file cannot be used at all (a required column missing, too many rows); null when it can. */
  unusable: string | null;
}

const channels = new Map<string, InvitationChannel>([
  ['sms', 'sms'],
  ['text', 'sms'],
  ['text message', 'sms'],
  ['mobile', 'sms'],
  ['email', 'email'],
  ['e-mail', 'email'],
]);

/** A date as 2021-09-03 or 03/09/2021 (the day first, as in England); null when it is neither. */
export function contactDateOf(text: string): string | null {
  if (isIsoDate(text)) return text;
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!uk) return null;
  const iso = `${uk[3]}-${uk[2]?.padStart(2, '0')}-${uk[1]?.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** Reads the rows (the header first) into contacts, refusing a row only for what the service cannot judge. */
export async function contactsFromRows(rows: AsyncIterable<string[]>, maxRows: number): Promise<ContactFile> {
  const file: ContactFile = { rows: [], refused: [], unusable: null };
  let header: Map<string, number> | null = null;
  let rowNumber = 0;
  for await (const cells of rows) {
    rowNumber += 1;
    if (!header) {
      header = new Map(cells.map((cell, index) => [cell.trim().toLowerCase(), index]));
      const missing = requiredColumns.filter((column) => !header?.has(column));
      if (missing.length > 0) {
        file.unusable = `The file must have the columns ${requiredColumns.join(', ')} in its first row: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`;
        return file;
      }
      continue;
    }
    if (cells.every((cell) => cell.trim() === '')) continue;
    if (file.rows.length + file.refused.length >= maxRows) {
      file.unusable = `The file has more than ${maxRows.toLocaleString('en-GB')} contacts: split it into smaller files`;
      return file;
    }
    const cell = (column: string) => (cells[header?.get(column) ?? -1] ?? '').trim();
    const contact = cell('contact');
    const channelText = cell('channel').toLowerCase();
    const channel = channelText ? channels.get(channelText) : contact.includes('@') ? 'email' : 'sms';
    if (!channel) {
      file.refused.push({ rowNumber, problem: 'channel: give sms or email, or leave it blank' });
      continue;
    }
    const dateText = cell('contact_date');
    file.rows.push({
      rowNumber,
      contact: {
        channel,
        contact,
        unitCode: cell('unit_code'),
        // A date the service cannot read is refused there, with its words.
        contactDate: contactDateOf(dateText) ?? dateText,
      },
    });
  }
  if (!header) file.unusable = 'The file is empty';
  return file;
}

/**
 * A contact as the report shows it: enough to find the row, too little to use. A number keeps
 * its last three digits; an address its first letter and its domain.
 */
export function maskedContact(contact: string): string {
  const text = contact.trim();
  const at = text.indexOf('@');
  if (at > 0) return `${text[0]}•••${text.slice(at)}`;
  const digits = text.replace(/\D/g, '');
  return digits.length > 3 ? `•••${digits.slice(-3)}` : '•••';
}
