/**
 * Personal data in free text, found by rules and replaced by placeholders, so that a comment shown
 * outside the case team or published carries none (UK GDPR art. 5(1)(c), data minimisation; the NHS
 * Caldicott principle 3, use the minimum necessary). Pure: the list of first names is passed in
 * (reference/uk-first-names.txt, read by personal-data-names.ts).
 */
export const personalDataKinds = [
  'name',
  'phone',
  'email',
  'NHS number',
  'postcode',
  'date of birth',
  'address',
] as const;
export type PersonalDataKind = (typeof personalDataKinds)[number];

export interface Redaction {
  redacted: string;
  /** The kinds found, in the order of personalDataKinds. */
  kinds: PersonalDataKind[];
  containsPersonalData: boolean;
}

interface Span {
  start: number;
  end: number;
  kind: PersonalDataKind;
}

/**
 * NHS number check digit (NHS Data Dictionary, "NHS number"): weight the first nine digits 10 down to
 * 2, take the sum's remainder on division by 11, and 11 minus it is the check digit (11 counts as 0;
 * 10 means the number is not valid).
 */
export function isValidNhsNumber(candidate: string): boolean {
  const digits = candidate.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

const capitalised = "[A-Z][a-z]+(?:['’-][A-Za-z]+)?";
/** Capitalised words that follow a title or role without being anyone's name. */
const notNames = new Set(
  (
    'I A An The And Or But On In At To Of For From With By It He She They We You My Our Your His Her Their ' +
    'This That There Then When Was Were Is Are Be Been Very So All Some Any No Not Yes Thank Thanks Please ' +
    'NHS A&E GP Ward Team Unit Service Services Hospital Trust Centre Clinic Department Surgery Practice ' +
    'Nurse Nurses Doctor Doctors Dr Sister Matron Practitioner Consultant Paramedic Paramedics Staff Manager ' +
    'Receptionist Registrar Specialist Health Mental Care Carer Support Worker Team Crisis Community ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July ' +
    'August September October November December Christmas Easter Covid England Britain UK Who Where Why How What'
  ).split(' '),
);
const placeWords =
  /^\s+(?:Hospital|Infirmary|Centre|Center|House|Unit|Ward|Court|Lodge|Clinic|Surgery|Practice|Street|Road|Park|Memorial|University|Building|Wing)\b/;
const titles = '(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor)\\.?';
const roles =
  '(?:[Nn]urse|[Dd]octor|[Ss]ister|[Mm]atron|[Mm]idwife|[Pp]aramedic|[Cc]onsultant|[Cc]arer|[Rr]eceptionist|' +
  '[Pp]hysio(?:therapist)?|[Tt]herapist|[Ss]urgeon|[Pp]orter|[Pp]sychiatrist|[Pp]sychologist|[Ww]orker|' +
  '[Cc]oordinator|[Mm]anager|[Cc]ounsellor|[Hh]ealth visitor|HCA|OT|CPN|GP)';
const relations =
  '(?:son|daughter|husband|wife|partner|mum|mam|mother|dad|father|brother|sister|grandson|granddaughter|' +
  'grandmother|grandfather|nan|nana|grandad|friend|baby|child|neighbour|uncle|aunt(?:ie)?|niece|nephew)';

function nameSpans(text: string, firstNames: ReadonlySet<string>): Span[] {
  const spans: Span[] = [];
  const add = (start: number, name: string) => spans.push({ start, end: start + name.length, kind: 'name' });
  const person = `(${capitalised}(?:\\s+${capitalised})?)`;
  const cues = [
    new RegExp(`\\b${titles}\\s+${person}`, 'g'),
    new RegExp(`\\b${roles}\\s+${person}`, 'g'),
    new RegExp(`\\b(?:[Mm]y|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir)\\s+${relations}\\s*,?\\s+${person}`, 'g'),
    new RegExp(
      `\\b(?:[Mm]y name is|[Mm]y name's|I am called|I'm called|[Cc]alled|[Nn]amed)\\s+${person}`,
      'g',
    ),
  ];
  for (const cue of cues) {
    for (const match of text.matchAll(cue)) {
      const found = match[1] as string;
      const parts = found.split(/\s+/);
      if (notNames.has(parts[0] as string)) continue;
      // A second capitalised word is a surname only if it is not an ordinary word (Nurse Sarah The…).
      const kept = parts[1] && !notNames.has(parts[1]) ? found : (parts[0] as string);
      add((match.index ?? 0) + match[0].lastIndexOf(found), kept);
    }
  }
  for (const match of text.matchAll(new RegExp(`\\b(${capitalised})(?:\\s+(${capitalised}))?`, 'g'))) {
    const given = match[1] as string;
    if (!firstNames.has(given)) continue;
    // "James Cook Hospital", "Alexandra House": a place named after someone, not a person.
    const surname = match[2];
    if (placeWords.test(text.slice((match.index ?? 0) + match[0].length)) || placeWords.test(` ${surname}`))
      continue;
    const name =
      surname && !notNames.has(surname) && !firstNames.has(surname) ? `${given} ${surname}` : given;
    add(match.index ?? 0, name);
  }
  return spans;
}

const months =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const dateForms = [
  '\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}',
  `\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${months}\\.?,?\\s+\\d{4}`,
  `${months}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}`,
].join('|');
const streetTypes =
  '(?:[Ss]treet|St|[Rr]oad|Rd|[Aa]venue|Ave|[Ll]ane|Ln|[Cc]lose|[Dd]rive|[Ww]ay|[Cc]rescent|[Cc]ourt|' +
  '[Pp]lace|[Gg]ardens|[Tt]errace|[Gg]rove|[Ww]alk|[Mm]ews|[Ss]quare|[Rr]ise|[Rr]ow|[Hh]ill|[Vv]iew)';

const patternRules: {
  kind: PersonalDataKind;
  pattern: RegExp;
  accept?: (found: string) => boolean;
  group?: number;
}[] = [
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  { kind: 'NHS number', pattern: /(?<![\d+])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?!\d)/g, accept: isValidNhsNumber },
  {
    kind: 'phone',
    // Ofcom's UK numbering: 0 then 9 or 10 more digits, or +44 then 9 or 10; spaces, dashes, brackets.
    pattern: /(?:\+44\s?(?:\(0\)\s?)?|(?<![\d+])\(?0)\d[\d\s()-]{7,13}\d(?!\d)/g,
    accept: (found) => {
      const digits = found.replace(/\D/g, '');
      return found.startsWith('+')
        ? /^44\d{9,10}$/.test(digits.replace(/^440/, '44'))
        : /^0\d{9,10}$/.test(digits);
    },
  },
  // Royal Mail postcode format: outward code (area, district) and inward code (sector, unit).
  {
    kind: 'postcode',
    pattern: /\b(?:[A-Za-z]{1,2}\d[A-Za-z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}\b/g,
  },
  {
    kind: 'date of birth',
    pattern: new RegExp(
      `(?:date of birth|[Dd]\\.?[Oo]\\.?[Bb]\\.?|born(?: on)?)\\s*(?:is|was|:|-)?\\s*(${dateForms})`,
      'gi',
    ),
    group: 1,
  },
  {
    kind: 'address',
    pattern: new RegExp(`\\b\\d{1,4}[A-Za-z]?,?\\s+(?:${capitalised}\\s+){1,3}${streetTypes}\\b\\.?`, 'g'),
  },
];

function patternSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const rule of patternRules) {
    for (const match of text.matchAll(rule.pattern)) {
      const found = (rule.group ? match[rule.group] : match[0]) as string;
      if (rule.accept && !rule.accept(found)) continue;
      const start = (match.index ?? 0) + (rule.group ? match[0].lastIndexOf(found) : 0);
      spans.push({ start, end: start + found.length, kind: rule.kind });
    }
  }
  return spans;
}

/** Finds the personal data in a comment and replaces each piece with a placeholder such as [name]. */
export function redactPersonalData(text: string, firstNames: ReadonlySet<string>): Redaction {
  // Earlier rules win an overlap: an NHS number is not also read as a phone number.
  const candidates = [...patternSpans(text), ...nameSpans(text, firstNames)];
  const chosen: Span[] = [];
  for (const span of candidates) {
    if (!chosen.some((other) => span.start < other.end && other.start < span.end)) chosen.push(span);
  }
  chosen.sort((a, b) => a.start - b.start);
  let redacted = '';
  let position = 0;
  for (const span of chosen) {
    redacted += `${text.slice(position, span.start)}[${span.kind}]`;
    position = span.end;
  }
  redacted += text.slice(position);
  const kinds = personalDataKinds.filter((kind) => chosen.some((span) => span.kind === kind));
  return { redacted, kinds, containsPersonalData: kinds.length > 0 };
}
