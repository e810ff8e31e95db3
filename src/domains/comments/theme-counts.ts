import { sql } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { type CommentSource, comments } from './schema.ts';

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
    source = null,
    sourceIds = null,
  }: {
    from: string;
    to: string;
    unitIds?: readonly string[] | null;
    limit?: number;
    /** Only comments from this source (such as the narratives of cases). */
    source?: CommentSource | null;
    /** Only comments from these records (such as the concerns received in a quarter). */
    sourceIds?: readonly string[] | null;
  },
): Promise<ThemeCount[]> {
  if (unitIds !== null && unitIds.length === 0) return [];
  if (sourceIds !== null && sourceIds.length === 0) return [];
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
         and ${comments.receivedOn} between ${from}::date and ${to}::date${units}${
           source === null ? sql`` : sql` and ${comments.source} = ${source}`
         }${sourceIds === null ? sql`` : sql` and ${comments.sourceId} = any(${sql.param([...sourceIds])}::text[])`}
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
