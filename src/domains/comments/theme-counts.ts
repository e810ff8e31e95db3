import { sql } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { comments } from './schema.ts';

// The themes people wrote about most in a period, for the quarterly report (issue 8) and anything
// else that summarises feedback: each theme with its comments and how many were positive (sentiment
// 1–2, "very positive" and "positive") or negative (4–5). A comment with two themes counts under each.

export interface ThemeCount {
  theme: string;
  comments: number;
  positive: number;
  negative: number;
}

export async function topThemes(
  db: Database,
  orgId: string,
  {
    from,
    to,
    unitIds = null,
    limit = 10,
  }: { from: string; to: string; unitIds?: readonly string[] | null; limit?: number },
): Promise<ThemeCount[]> {
  if (unitIds !== null && unitIds.length === 0) return [];
  return withOrg(db, orgId, async (tx) => {
    const units =
      unitIds === null
        ? sql``
        : sql` and ${comments.unitId} in (${sql.join(
            unitIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`;
    const result = await tx.execute(sql`
      select theme,
             count(*)::int as comments,
             (count(*) filter (where ${comments.sentiment} <= 2))::int as positive,
             (count(*) filter (where ${comments.sentiment} >= 4))::int as negative
        from ${comments}, unnest(${comments.themes}) as theme
       where ${comments.orgId} = ${orgId}
         and ${comments.receivedOn} between ${from}::date and ${to}::date${units}
       group by theme
       order by count(*) desc, theme collate "C"
       limit ${limit}`);
    const rows = (result as unknown as { rows: ThemeCount[] }).rows;
    return rows.map((row) => ({
      theme: String(row.theme),
      comments: Number(row.comments),
      positive: Number(row.positive),
      negative: Number(row.negative),
    }));
  });
}
