// The reports benchmark's generated trust (issue 8, Benchmarks): the demo trust (`heard demo`,
// loaded through the domains' services) grown to years of records by copying its own rows in
// SQL. Each copy keeps every column of the row it copies, with new ids, its references and
// submission ids made unique, and every date moved by whole years into the financial year the
// copy is placed in, so distributions (units, kinds, outcomes, FFT answers, comment themes and
// sentiment, deadlines met and missed) stay the demo's. Complaints keep their issues, extensions,
// reopenings and local resolution meetings; FFT responses keep their answers and their coded
// comments; cases keep their coded narratives. Nothing is written to the audit trail: these rows
// exist only to time the reports, in a database made for it.
//
// The same statements run on PostgreSQL (as its superuser) and on PGlite (which runs as one).

export interface TrustSize {
  /** Financial years, ending with 2017/18 (the demo's last). */
  years: number;
  fftResponses: number;
  complaints: number;
  concerns: number;
  compliments: number;
}

/** The trust: 5 years, 500,000 FFT responses with comments, 7,500 complaints, 15,000 concerns. */
export const fiveYearTrust: TrustSize = {
  years: 5,
  fftResponses: 500_000,
  complaints: 7_500,
  concerns: 15_000,
  compliments: 9_000,
};

/** One year of the same trust, for the embedded engine. */
export const oneYearTrust: TrustSize = {
  years: 1,
  fftResponses: 100_000,
  complaints: 1_500,
  concerns: 3_000,
  compliments: 1_800,
};

/** What both engines' clients have in common. */
export interface Sql {
  query<Row = Record<string, unknown>>(text: string): Promise<{ rows: Row[] }>;
}

const lastYearStart = 2017;

interface Column {
  name: string;
  type: string;
  generated: boolean;
}

async function columnsOf(db: Sql, table: string): Promise<Column[]> {
  const result = await db.query<{ name: string; type: string; generated: string }>(
    `select column_name as name, data_type as type, is_generated as generated
       from information_schema.columns
      where table_schema = 'public' and table_name = '${table}'
      order by ordinal_position`,
  );
  return result.rows.map((row) => ({
    name: row.name,
    type: row.type,
    generated: row.generated === 'ALWAYS',
  }));
}

/**
 * INSERT … SELECT copying `table`'s rows (alias s) joined to a map (alias m: g, src_id, new_id,
 * shift), with `overrides` for some columns; every other date column is moved by m.shift years.
 */
async function copyStatement(
  db: Sql,
  table: string,
  from: string,
  overrides: Record<string, string>,
): Promise<string> {
  const columns = (await columnsOf(db, table)).filter((column) => !column.generated);
  const value = (column: Column) =>
    overrides[column.name] ??
    (column.type === 'date'
      ? `(s.${column.name} + make_interval(years => m.shift))::date`
      : `s.${column.name}`);
  return `insert into ${table} (${columns.map((column) => column.name).join(', ')})
          select ${columns.map(value).join(', ')} ${from}`;
}

const newId = (column: string) => `md5(s.${column}::text || ':' || m.g)::uuid`;

/** A map of `count` copies of the rows `source` selects (id, day), spread evenly over the years. */
function mapStatement(name: string, source: string, count: number, years: number) {
  const firstYear = lastYearStart - years + 1;
  return [
    `drop table if exists ${name}`,
    `create temp table ${name} as
       with src as (select id, day, row_number() over (order by id) as rn, count(*) over () as n from (${source}) picked)
       select g, src.id as src_id, md5(src.id::text || ':' || g)::uuid as new_id,
              (${firstYear} + (g::bigint * ${years}) / ${Math.max(1, count)})::int
                - extract(year from src.day - interval '3 months')::int as shift
         from generate_series(0, ${count - 1}) g join src on src.rn = (g % src.n) + 1`,
    `create index on ${name} (src_id)`,
    `analyze ${name}`,
  ];
}

/** How many rows of each the organisation holds now. */
async function counts(db: Sql, orgId: string) {
  const result = await db.query<{ kind: string; count: number }>(
    `select kind, count(*)::int as count from feedback_records where org_id = '${orgId}' group by kind
     union all
     select 'fft', count(*)::int from survey_responses r join surveys s using (org_id, survey_id)
      where r.org_id = '${orgId}' and s.code = 'fft'`,
  );
  return new Map(result.rows.map((row) => [row.kind, Number(row.count)]));
}

/** Whether the organisation already holds the trust of `size` (a database kept between runs). */
export async function holdsTrust(db: Sql, orgId: string, size: TrustSize): Promise<boolean> {
  const held = await counts(db, orgId);
  return (
    (held.get('fft') ?? 0) >= size.fftResponses &&
    (held.get('complaint') ?? 0) >= size.complaints &&
    (held.get('concern') ?? 0) >= size.concerns
  );
}

/** Grows the demo trust `orgId` to `size`; returns the counts it then holds. */
export async function growTrust(
  db: Sql,
  orgId: string,
  size: TrustSize,
  progress: (line: string) => void = () => undefined,
): Promise<Map<string, number>> {
  const held = await counts(db, orgId);
  const org = `s.org_id = '${orgId}'`;
  for (const [kind, target] of [
    ['complaint', size.complaints],
    ['concern', size.concerns],
    ['compliment', size.compliments],
  ] as const) {
    const copies = target - (held.get(kind) ?? 0);
    if (copies <= 0) continue;
    progress(`${kind}s: ${copies.toLocaleString('en-GB')} more`);
    const map = `gen_${kind}`;
    for (const statement of mapStatement(
      map,
      `select record_id as id, received_date as day from feedback_records s where ${org} and kind = '${kind}'`,
      copies,
      size.years,
    ))
      await db.query(statement);
    const join = (table: string) => `from ${table} s join ${map} m on m.src_id = s.record_id where ${org}`;
    await db.query(
      await copyStatement(db, 'feedback_records', join('feedback_records'), {
        record_id: 'm.new_id',
        reference: `s.reference || '-G' || m.g`,
        external_reference: 'null',
      }),
    );
    if (kind === 'complaint') {
      await db.query(
        await copyStatement(db, 'complaint_details', join('complaint_details'), {
          record_id: 'm.new_id',
          escalated_from_record_id: 'null',
        }),
      );
      for (const [table, id] of [
        ['complaint_issues', 'issue_id'],
        ['response_extensions', 'extension_id'],
        ['complaint_reopenings', 'reopening_id'],
        ['local_resolution_meetings', 'meeting_id'],
      ] as const) {
        await db.query(
          await copyStatement(db, table, join(table), { [id]: newId(id), record_id: 'm.new_id' }),
        );
      }
    }
    // The case's coded narrative, its comment named by the record's id.
    await db.query(
      await copyStatement(
        db,
        'comments',
        `from comments s join ${map} m on s.source_id = m.src_id::text where ${org} and s.source in ('case-narrative', 'compliment')`,
        { comment_id: newId('comment_id'), source_id: 'm.new_id::text' },
      ),
    );
  }

  const responses = size.fftResponses - (held.get('fft') ?? 0);
  if (responses > 0) {
    progress(`FFT responses: ${responses.toLocaleString('en-GB')} more, with their answers and comments`);
    for (const statement of mapStatement(
      'gen_fft',
      `select response_id as id, response_date as day from survey_responses s join surveys v using (org_id, survey_id)
        where ${org} and v.code = 'fft'`,
      responses,
      size.years,
    ))
      await db.query(statement);
    await db.query(
      await copyStatement(
        db,
        'survey_responses',
        `from survey_responses s join gen_fft m on m.src_id = s.response_id where ${org}`,
        { response_id: 'm.new_id', submission_id: `s.submission_id || '-G' || m.g` },
      ),
    );
    await db.query(
      await copyStatement(
        db,
        'survey_answers',
        `from survey_answers s join gen_fft m on m.src_id = s.response_id where ${org}`,
        { response_id: 'm.new_id' },
      ),
    );
    // A survey answer's comment is named '<response id>:<question>'.
    await db.query(
      await copyStatement(
        db,
        'comments',
        `from comments s join gen_fft m on left(s.source_id, 36) = m.src_id::text
          where ${org} and s.source = 'survey-answer'`,
        { comment_id: newId('comment_id'), source_id: `m.new_id::text || substr(s.source_id, 37)` },
      ),
    );
  }
  progress('vacuuming and analysing the tables (index-only scans need the visibility map)');
  for (const table of [
    'feedback_records',
    'complaint_details',
    'complaint_issues',
    'survey_responses',
    'survey_answers',
    'comments',
  ])
    await db.query(`vacuum analyze ${table}`);
  return counts(db, orgId);
}
