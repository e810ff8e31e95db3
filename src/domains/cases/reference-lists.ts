import { readFileSync } from 'node:fs';
import { z } from 'zod';

// The code lists a trust can change without changing code (STYLE.md): staff groups and the KO41a
// lists, JSON files in reference/ described in reference/README.md. Each is checked when it is
// read, so that a broken file stops Heard with a message that says which file, which item and why.

export interface ReferenceItem {
  /** Stable: records keep the code, so a code stays once anything uses it. */
  code: string;
  name: string;
  description?: string;
  /** Kept so old records still read, but not offered for new ones. */
  retired: boolean;
}

export interface StaffGroup extends ReferenceItem {
  /** The KO41a profession the group counts under, a code in ko41a-professions.json; null for none. */
  ko41aProfession: string | null;
}

export interface ReferenceList<Item extends ReferenceItem = ReferenceItem> {
  file: string;
  description: string;
  items: readonly Item[];
  byCode: ReadonlyMap<string, Item>;
}

export const referenceListFiles = {
  staffGroups: 'staff-groups.json',
  ko41aSubjects: 'ko41a-subjects.json',
  ko41aServiceAreas: 'ko41a-service-areas.json',
  ko41aProfessions: 'ko41a-professions.json',
  ko41aComplainantStatuses: 'ko41a-complainant-status.json',
  ko41aAgeBands: 'ko41a-age-bands.json',
  ko41aClinicalTreatment: 'ko41a-clinical-treatment.json',
} as const;

export const referenceDirectory = new URL('../../../reference/', import.meta.url);

/** A reference file that cannot be used, with a message an administrator can act on. */
export class BrokenReferenceList extends Error {}

const item = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'the code must be lower-case letters and numbers joined by hyphens'),
  name: z.string().trim().min(1, 'the name must not be empty'),
  description: z.string().trim().min(1, 'leave the description out rather than empty').optional(),
  retired: z.boolean().default(false),
});
const staffGroup = item.extend({
  ko41aProfession: z.string({ error: 'give the KO41a profession code, or null for none' }).nullable(),
});

function listFile<Item extends z.ZodType<ReferenceItem>>(itemSchema: Item) {
  return z
    .object({
      description: z.string().min(1),
      source: z.string().optional(),
      items: z.array(itemSchema).min(1, 'the list has no items'),
    })
    .superRefine((file, context) => {
      const codes = new Set<string>();
      const names = new Set<string>();
      file.items.forEach((entry, index) => {
        if (codes.has(entry.code)) {
          context.addIssue({
            code: 'custom',
            path: ['items', index, 'code'],
            message: `"${entry.code}" is listed twice`,
          });
        }
        if (names.has(entry.name.toLowerCase())) {
          context.addIssue({
            code: 'custom',
            path: ['items', index, 'name'],
            message: `"${entry.name}" is listed twice`,
          });
        }
        codes.add(entry.code);
        names.add(entry.name.toLowerCase());
      });
    });
}

/** "item 4, code" rather than zod's ["items", 3, "code"]. */
function whereIn(path: readonly PropertyKey[]): string {
  const [first, second, ...rest] = path;
  if (first === 'items' && typeof second === 'number') {
    return [`item ${second + 1}`, ...rest.map(String)].join(', ');
  }
  return path.map(String).join(', ');
}

function parsed<Item extends ReferenceItem>(
  file: string,
  contents: unknown,
  schema: z.ZodType<{ description: string; items: Item[] }>,
): ReferenceList<Item> {
  const result = schema.safeParse(contents);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const where = whereIn(issue.path);
      return where ? `${where}: ${issue.message}` : issue.message;
    });
    throw new BrokenReferenceList(`reference/${file} cannot be used: ${problems.join('; ')}`);
  }
  const { description, items } = result.data;
  return { file, description, items, byCode: new Map(items.map((entry) => [entry.code, entry])) };
}

/** Checks the contents of a reference list file (already read from JSON). */
export function parseReferenceList(file: string, contents: unknown): ReferenceList {
  return parsed(file, contents, listFile(item));
}

/** Checks staff-groups.json, including that each KO41a profession it names is in `professions`. */
export function parseStaffGroups(
  file: string,
  contents: unknown,
  professions: ReferenceList,
): ReferenceList<StaffGroup> {
  const list = parsed(file, contents, listFile(staffGroup));
  const unknown = list.items.filter(
    (group) => group.ko41aProfession !== null && !professions.byCode.has(group.ko41aProfession),
  );
  if (unknown.length > 0) {
    const named = unknown.map((group) => `${group.name} names "${group.ko41aProfession}"`).join('; ');
    throw new BrokenReferenceList(
      `reference/${file} cannot be used: ${named}, which reference/${professions.file} does not list`,
    );
  }
  return list;
}

function readJson(directory: URL, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(new URL(file, directory), 'utf8');
  } catch {
    throw new BrokenReferenceList(`reference/${file} is missing: Heard needs it to record complaints`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BrokenReferenceList(`reference/${file} is not valid JSON: ${(error as Error).message}`);
  }
}

export interface ReferenceLists {
  staffGroups: ReferenceList<StaffGroup>;
  ko41aSubjects: ReferenceList;
  ko41aServiceAreas: ReferenceList;
  ko41aProfessions: ReferenceList;
  ko41aComplainantStatuses: ReferenceList;
  /** Read by the KO41a return (reports); complaints do not record these yet. */
  ko41aAgeBands: ReferenceList;
  ko41aClinicalTreatment: ReferenceList;
}

/** Reads and checks every list in `directory`; throws BrokenReferenceList for the first file that cannot be used. */
export function readReferenceLists(directory: URL = referenceDirectory): ReferenceLists {
  const list = (file: string) => parseReferenceList(file, readJson(directory, file));
  const ko41aProfessions = list(referenceListFiles.ko41aProfessions);
  return {
    staffGroups: parseStaffGroups(
      referenceListFiles.staffGroups,
      readJson(directory, referenceListFiles.staffGroups),
      ko41aProfessions,
    ),
    ko41aSubjects: list(referenceListFiles.ko41aSubjects),
    ko41aServiceAreas: list(referenceListFiles.ko41aServiceAreas),
    ko41aProfessions,
    ko41aComplainantStatuses: list(referenceListFiles.ko41aComplainantStatuses),
    ko41aAgeBands: list(referenceListFiles.ko41aAgeBands),
    ko41aClinicalTreatment: list(referenceListFiles.ko41aClinicalTreatment),
  };
}

let shipped: ReferenceLists | undefined;

/** The lists in reference/, read once. */
export function referenceLists(): ReferenceLists {
  shipped ??= readReferenceLists();
  return shipped;
}

/** The items to offer for a new record: all but the retired ones, in the file's order. */
export function offeredItems<Item extends ReferenceItem>(list: ReferenceList<Item>): Item[] {
  return list.items.filter((entry) => !entry.retired);
}
