import { channelNames, channels, feedbackKindNames, feedbackKinds } from '../kinds-and-channels.ts';
import { issueOutcomeNames, issueOutcomes } from '../outcomes.ts';
import type { ReferenceLists } from '../reference-lists.ts';
import { ombudsmanOutcomes, recordStatuses } from '../schema.ts';
import type { ColumnMapping, TranslatableField } from './mapping.ts';

// The lists a row's values are chosen from, matched by code or by name without regard to letter
// case, so that "Complaint", "complaint" and "COMPLAINT" all mean the same; a mapping file can add
// the words of the old system ("PALS" for a concern).

export interface Choice<Code extends string = string> {
  code: Code;
  name: string;
}

/** Finds the code a written value stands for, or null when the list has nothing like it. */
export type Chooser<Code extends string = string> = (written: string) => Code | null;

const key = (word: string) => word.trim().toLowerCase();

export function chooser<Code extends string>(
  items: readonly Choice<Code>[],
  translations?: ReadonlyMap<string, string>,
): Chooser<Code> {
  const byWord = new Map<string, Code>();
  for (const item of items) {
    byWord.set(key(item.code), item.code);
    byWord.set(key(item.name), item.code);
  }
  return (written) => {
    const word = key(written);
    const translated = translations?.get(word);
    return byWord.get(translated === undefined ? word : key(translated)) ?? null;
  };
}

const ombudsmanOutcomeNames: Record<(typeof ombudsmanOutcomes)[number], string> = {
  'not-investigated': 'Not investigated',
  'resolved-without-investigation': 'Resolved without investigation',
  upheld: 'Upheld',
  'partly-upheld': 'Partly upheld',
  'not-upheld': 'Not upheld',
};

const named = <Code extends string>(codes: readonly Code[], names: Record<Code, string>) =>
  codes.map((code) => ({ code, name: names[code] }));

export function importChoosers(lists: ReferenceLists, values: ColumnMapping['values']) {
  const translated = (field: TranslatableField) => values[field];
  return {
    kind: chooser(named(feedbackKinds, feedbackKindNames), translated('kind')),
    channel: chooser(named(channels, channelNames), translated('channel')),
    status: chooser(
      named(recordStatuses, { open: 'Open', closed: 'Closed', withdrawn: 'Withdrawn' }),
      translated('status'),
    ),
    consent: chooser(named(['yes', 'no'] as const, { yes: 'Yes', no: 'No' }), translated('consent')),
    ombudsmanOutcome: chooser(
      named(ombudsmanOutcomes, ombudsmanOutcomeNames),
      translated('ombudsman_outcome'),
    ),
    // Retired codes are accepted: a historic case may well use one.
    subject: chooser(lists.ko41aSubjects.items, translated('issue_subject')),
    staffGroup: chooser(lists.staffGroups.items, translated('issue_staff_groups')),
    issueOutcome: chooser(named(issueOutcomes, issueOutcomeNames), translated('issue_outcome')),
    // An export names staff groups in the same words for concerns as for issues: the words given
    // for issue_staff_groups serve the concern column too; its own (staff_groups) win where both say.
    concernStaffGroup: chooser(
      lists.staffGroups.items,
      new Map([...(translated('issue_staff_groups') ?? []), ...(translated('staff_groups') ?? [])]),
    ),
    serviceArea: chooser(lists.ko41aServiceAreas.items, translated('issue_service_area')),
    clinicalTreatment: chooser(lists.ko41aClinicalTreatment.items, translated('issue_clinical_treatment')),
    ageBand: chooser(lists.ko41aAgeBands.items, translated('patient_age_band')),
    complainantStatus: chooser(lists.ko41aComplainantStatuses.items, translated('complainant_status')),
  };
}

export type ImportChoosers = ReturnType<typeof importChoosers>;

/** "a, b or c", for messages that list what is accepted. */
export const orList = (words: readonly string[]) =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
