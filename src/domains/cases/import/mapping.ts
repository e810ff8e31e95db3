import { z } from 'zod';
import { type ImportField, importFields, isImportField, requiredFields } from './columns.ts';

// A column mapping lets a trust import an export from its previous system (such as DatixWeb) with
// the headings it already has: a JSON file naming, for each of Heard's fields, the column to read
// it from, and optionally what the old system's words mean, such as "PALS" for a concern.
//
//   { "columns": { "reference": "Ref", "received_date": "Date received" },
//     "values": { "kind": { "PALS": "concern" } } }

/** Fields whose values are chosen from a list, so that the old system's words can be translated. */
export const translatableFields = [
  'kind',
  'channel',
  'status',
  'consent',
  'ombudsman_outcome',
  'staff_groups',
  'issue_subject',
  'issue_staff_groups',
  'issue_outcome',
  'issue_service_area',
  'issue_clinical_treatment',
  'patient_age_band',
  'complainant_status',
] as const;
export type TranslatableField = (typeof translatableFields)[number];

const fieldList = 'reference, kind, channel, unit_code, received_date and the others in the README';

const mappingFileSchema = z
  .object({
    description: z.string().optional(),
    columns: z.record(
      z.string(),
      z
        .string({ error: 'give the column heading as text' })
        .trim()
        .min(1, 'give the column heading, not a blank'),
    ),
    values: z
      .record(z.string(), z.record(z.string(), z.string({ error: 'give Heard’s code or name as text' })))
      .optional(),
  })
  .strict()
  .superRefine((mapping, context) => {
    for (const field of Object.keys(mapping.columns)) {
      if (!isImportField(field)) {
        context.addIssue({
          code: 'custom',
          path: ['columns', field],
          message: `“${field}” is not a field Heard imports: use ${fieldList}`,
        });
      }
    }
    for (const field of Object.keys(mapping.values ?? {})) {
      if (!(translatableFields as readonly string[]).includes(field)) {
        context.addIssue({
          code: 'custom',
          path: ['values', field],
          message: `values can be given for ${translatableFields.join(', ')}, not “${field}”`,
        });
      }
    }
  });

/** A checked mapping: the heading each field is read from, and the old system's words for values. */
export interface ColumnMapping {
  headings: Partial<Record<ImportField, string>>;
  /** For each translatable field, their word (lower case) → Heard's code or name. */
  values: Partial<Record<TranslatableField, ReadonlyMap<string, string>>>;
}

/** Heard's own layout: every field read from the column named as the field. */
export const defaultMapping: ColumnMapping = { headings: {}, values: {} };

export type MappingResult = { ok: true; mapping: ColumnMapping } | { ok: false; problems: string[] };

const wordKey = (word: string) => word.trim().toLowerCase();

/** Reads a mapping file's text; every problem is reported, each naming where it is. */
export function parseMapping(text: string): MappingResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problems: [`the mapping file is not valid JSON: ${(error as Error).message}`] };
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const where = issue.path.map(String).join(' → ');
        const message =
          issue.code === 'unrecognized_keys'
            ? `the mapping file can only have description, columns and values, not ${issue.keys.join(', ')}`
            : issue.message;
        return where ? `in the mapping file, ${where}: ${message}` : `the mapping file: ${message}`;
      }),
    };
  }
  const values: ColumnMapping['values'] = {};
  for (const [field, words] of Object.entries(parsed.data.values ?? {})) {
    values[field as TranslatableField] = new Map(
      Object.entries(words).map(([theirs, ours]) => [wordKey(theirs), ours.trim()]),
    );
  }
  return { ok: true, mapping: { headings: parsed.data.columns as ColumnMapping['headings'], values } };
}

/** Where each field is in the file's header row, and what the header row lacks. */
export interface ColumnPlan {
  /** The index of the column each field is read from. */
  indexOf: Map<ImportField, number>;
  /** The heading of each field's column, as the file writes it, for the report. */
  headingOf: Map<ImportField, string>;
  /** Headings in the file that nothing is read from. */
  ignored: string[];
  /** Headings the mapping names for optional fields that the file does not have. */
  unmatched: string[];
  problems: string[];
}

const headingKey = (heading: string) => heading.trim().toLowerCase();

/** Matches the header row to the fields (headings are matched ignoring case and spaces around them). */
export function planColumns(header: readonly string[], mapping: ColumnMapping): ColumnPlan {
  const positions = new Map<string, number[]>();
  header.forEach((heading, index) => {
    const key = headingKey(heading);
    if (key !== '') positions.set(key, [...(positions.get(key) ?? []), index]);
  });
  const plan: ColumnPlan = {
    indexOf: new Map(),
    headingOf: new Map(),
    ignored: [],
    unmatched: [],
    problems: [],
  };
  const used = new Set<number>();
  for (const field of importFields) {
    const mapped = mapping.headings[field];
    const wanted = mapped ?? field;
    const found = positions.get(headingKey(wanted)) ?? [];
    if (found.length > 1) {
      plan.problems.push(`the header row has the column “${wanted}” more than once`);
      continue;
    }
    const [index] = found;
    if (index === undefined) {
      if (mapped !== undefined && requiredFields.includes(field)) {
        plan.problems.push(
          `the mapping reads ${field} from the column “${mapped}”, which the file does not have`,
        );
      } else if (mapped !== undefined) {
        // A mapping made for a fuller export than this one: the field is left empty, and said so.
        plan.unmatched.push(mapped);
      } else if (requiredFields.includes(field)) {
        plan.problems.push(
          `the header row has no ${field} column: add one, or say in a mapping file which column holds it`,
        );
      }
      continue;
    }
    plan.indexOf.set(field, index);
    plan.headingOf.set(field, header[index]?.trim() ?? wanted);
    used.add(index);
  }
  plan.ignored = header.flatMap((heading, index) =>
    heading.trim() !== '' && !used.has(index) ? [heading.trim()] : [],
  );
  return plan;
}
