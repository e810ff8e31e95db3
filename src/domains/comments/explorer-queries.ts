import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { comments } from './schema.ts';

/** What the explorer filters by; every field optional. Dates are yyyy-mm-dd, inclusive. */
export interface ExplorerFilters {
  unitIds?: 'all' | readonly string[];
  unitId?: string;
  from?: string;
  to?: string;
  source?: string;
  theme?: string;
  sentiment?: number;
  question?: string;
  /** Words to find, in PostgreSQL's web search syntax ("quoted phrase", or, -not). */
  search?: string;
}

/** Full-text search runs over the redacted words only, so a search cannot find a name that is never shown. */
const document = sql`to_tsvector('english', ${comments.redactedText})`;
const query = (words: string) => sql`websearch_to_tsquery('english', ${words})`;

function conditions(orgId: string, filters: ExplorerFilters): SQL {
  const parts: SQL[] = [eq(comments.orgId, orgId)];
  if (filters.unitIds !== undefined && filters.unitIds !== 'all') {
    if (filters.unitIds.length === 0) parts.push(sql`false`);
    else parts.push(sql`${comments.unitId} = any(${`{${filters.unitIds.join(',')}}`}::uuid[])`);
  }
  if (filters.unitId) parts.push(eq(comments.unitId, filters.unitId));
  if (filters.from) parts.push(sql`${comments.receivedOn} >= ${filters.from}`);
  if (filters.to) parts.push(sql`${comments.receivedOn} <= ${filters.to}`);
  if (filters.source) parts.push(sql`${comments.source} = ${filters.source}`);
  if (filters.theme) parts.push(sql`${filters.theme} = any(${comments.themes})`);
  if (filters.sentiment) parts.push(eq(comments.sentiment, filters.sentiment));
  if (filters.question) parts.push(eq(comments.question, filters.question));
  if (filters.search) parts.push(sql`${document} @@ ${query(filters.search)}`);
  return and(...parts) ?? sql`true`;
}

export interface ExplorerRow {
  commentId: string;
  source: string;
  unitId: string | null;
  receivedOn: string;
  question: string | null;
  themes: string[];
  sentiment: number | null;
  /** The redacted text, with the words searched for between « and » (escaped and marked up by the view). */
  excerpt: string;
  safeguardingFlag: boolean;
}

/** Start and stop markers for ts_headline: characters a comment will not contain, replaced by <mark> when shown. */
export const highlightStart = '\u0002';
export const highlightStop = '\u0003';

export async function explorerPage(
  tx: OrgTransaction,
  orgId: string,
  filters: ExplorerFilters,
  { limit, offset }: { limit: number; offset: number },
): Promise<{ rows: ExplorerRow[]; total: number }> {
  const excerpt = filters.search
    ? sql<string>`ts_headline('english', ${comments.redactedText}, ${query(filters.search)}, ${`StartSel=${highlightStart}, StopSel=${highlightStop}, MaxWords=40, MinWords=15, HighlightAll=false`})`
    : sql<string>`${comments.redactedText}`;
  const where = conditions(orgId, filters);
  const rows = await tx
    .select({
      commentId: comments.commentId,
      source: comments.source,
      unitId: comments.unitId,
      receivedOn: comments.receivedOn,
      question: comments.question,
      themes: comments.themes,
      sentiment: comments.sentiment,
      excerpt,
      safeguardingFlag: comments.safeguardingFlag,
    })
    .from(comments)
    .where(where)
    .orderBy(sql`${comments.receivedOn} desc`, comments.commentId)
    .limit(limit)
    .offset(offset);
  const [counted] = await tx
    .select({ total: sql<number>`count(*)`.mapWith(Number) })
    .from(comments)
    .where(where);
  return { rows, total: counted?.total ?? 0 };
}

export interface ThemeMonthCount {
  theme: string;
  /** yyyy-mm */
  month: string;
  comments: number;
  positive: number;
  negative: number;
}

/** Comments per theme and month under the filters (sentiment 1–2 positive, 4–5 negative): the counts and trend. */
export async function themeMonthCounts(
  tx: OrgTransaction,
  orgId: string,
  filters: ExplorerFilters,
): Promise<ThemeMonthCount[]> {
  const result = (await tx.execute(sql`
    select t.theme, to_char(${comments.receivedOn}, 'YYYY-MM') as month, count(*)::int as comments,
      (count(*) filter (where ${comments.sentiment} <= 2))::int as positive,
      (count(*) filter (where ${comments.sentiment} >= 4))::int as negative
    from ${comments} cross join lateral unnest(${comments.themes}) as t(theme)
    where ${conditions(orgId, filters)}
    group by 1, 2`)) as unknown as { rows: ThemeMonthCount[] };
  return result.rows.map((row) => ({
    ...row,
    comments: Number(row.comments),
    positive: Number(row.positive),
    negative: Number(row.negative),
  }));
}

/** The questions comments answered, for the question filter. */
export async function answeredQuestions(tx: OrgTransaction, orgId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ question: comments.question })
    .from(comments)
    .where(and(eq(comments.orgId, orgId), sql`${comments.question} is not null`))
    .orderBy(comments.question);
  return rows.flatMap((row) => (row.question ? [row.question] : []));
}
