import type { ContactDetails } from '#src/domains/cases/index.ts';
import { pick, type Random } from './random.ts';

// The people in the demo trust's case records. Every one is made up, and says so: surnames such as
// Example and Placeholder, email addresses at example.com (reserved for examples, RFC 2606),
// mobile numbers in the 07700 900xxx range Ofcom keeps for drama, and streets that do not exist.

const givenNames = [
  'Alex',
  'Amira',
  'Ben',
  'Bethan',
  'Callum',
  'Chloe',
  'Daniel',
  'Deepa',
  'Eleanor',
  'Femi',
  'Gareth',
  'Hannah',
  'Imran',
  'Jade',
  'Joseph',
  'Kasia',
  'Leon',
  'Lucy',
  'Marcus',
  'Megan',
  'Nadia',
  'Owen',
  'Parveen',
  'Rachel',
  'Rhys',
  'Sana',
  'Simon',
  'Tariq',
  'Tess',
  'Vikram',
  'Wendy',
  'Zoe',
];

/** Surnames no one could take for a real person's. */
export const fictionalSurnames = [
  'Example',
  'Sample',
  'Specimen',
  'Placeholder',
  'Madeup',
  'Pretend',
  'Imaginary',
  'Fictional',
  'Invented',
  'Notreal',
  'Storybook',
  'Makebelieve',
];

const streets = ['Example Street', 'Sample Lane', 'Placeholder Road', 'Imaginary Close', 'Pretend Avenue'];

export interface DemoPerson {
  name: string;
  contactDetails: ContactDetails;
}

export function demoPersonName(random: Random): string {
  return `${pick(random, givenNames)} ${pick(random, fictionalSurnames)}`;
}

/** A made-up person with the contact details they gave; `town` places their (made-up) address. */
export function demoPerson(random: Random, town: string): DemoPerson {
  const name = demoPersonName(random);
  const [given = 'demo', surname = 'person'] = name.toLowerCase().split(' ');
  const preferredMethod = pick(random, ['email', 'email', 'phone', 'letter'] as const);
  const contactDetails: ContactDetails = { preferredMethod };
  if (preferredMethod !== 'letter' || random.next() < 0.5) {
    contactDetails.email = `${given}.${surname}${random.integer(1, 99)}@example.com`;
  }
  if (preferredMethod === 'phone' || random.next() < 0.5) {
    contactDetails.phone = `07700 900${String(random.integer(0, 999)).padStart(3, '0')}`;
  }
  if (preferredMethod === 'letter' || random.next() < 0.3) {
    contactDetails.address = `${random.integer(1, 120)} ${pick(random, streets)}, ${town}`;
  }
  return { name, contactDetails };
}
