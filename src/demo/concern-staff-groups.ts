import type { Random } from './random.ts';
import { weighted } from './random.ts';

// The staff groups the demo trust's concerns involve (codes of reference/staff-groups.json). For
// 2017/18 Q2 they make exactly the seed report's Table 11; other quarters are drawn in its
// proportions. A concern naming no member of staff names "none" alone; a few name two groups.

/** Concerns by staff group, as the seed report's Table 11 counts them (a concern may name two). */
export type ConcernStaffGroupTable = Readonly<Record<string, number>>;

/** Table 11 of the seed report: concerns received in 2017/18 Q2, 49 mentions over 44 concerns. */
export const quarter2ConcernStaffGroups: ConcernStaffGroupTable = {
  admin: 3,
  medical: 8,
  hca: 2,
  nursing: 21,
  pwp: 4,
  psychology: 1,
  other: 2,
  none: 8,
};

/**
 * The staff groups of `count` concerns, one list each, making exactly `table`: concerns naming
 * "none" take it alone, every other concern takes one group, and the groups left over go second
 * to concerns that name a different one. Throws when the table cannot be made so.
 */
export function concernGroupsMatchingTable(
  random: Random,
  count: number,
  table: ConcernStaffGroupTable,
): string[][] {
  const tokens = random.shuffle(
    Object.entries(table).flatMap(([code, n]) => Array.from({ length: n }, () => code)),
  );
  const none = tokens.filter((code) => code === 'none').map((code) => [code]);
  const named = tokens.filter((code) => code !== 'none');
  const single = count - none.length;
  if (single < 0 || named.length < single) throw new Error(`Table 11 cannot be made from ${count} concerns`);
  const lists = named.slice(0, single).map((code) => [code]);
  for (const code of named.slice(single)) {
    const partner = lists.find((groups) => groups.length === 1 && groups[0] !== code);
    if (!partner) throw new Error(`No concern can name ${code} second`);
    partner.push(code);
  }
  return random.shuffle([...none, ...lists]);
}

/** The staff groups of one concern in a quarter the report does not give: in Table 11's proportions. */
export function randomConcernGroups(random: Random): string[] {
  const choices = Object.entries(quarter2ConcernStaffGroups);
  const first = weighted(random, choices);
  if (first === 'none' || random.next() >= 0.1) return [first];
  const second = weighted(
    random,
    choices.filter(([code]) => code !== 'none' && code !== first),
  );
  return [first, second];
}
