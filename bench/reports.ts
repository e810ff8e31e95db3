import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openDatabase } from '#src/db/engine.ts';
import { demoAdministratorEmail, demoOdsCode, demoPassword } from '#src/demo/accounts.ts';
import { reportsService } from '#src/domains/reports/service.ts';
import { type LoadResult, loadTest, percentile } from './load.ts';
import {
  fiveYearTrust,
  growTrust,
  holdsTrust,
  oneYearTrust,
  type Sql,
  type TrustSize,
} from './reports-trust.ts';
import { type Environment, runHeard, signIn, startServer } from './server.ts';

/**
 * `npm run bench:reports` (issue 8, Benchmarks): the reports of a generated trust (bench/reports-trust.ts)
 * on PostgreSQL (5 years: 500,000 FFT responses with comments, 7,500 complaints, 15,000 concerns) and
 * on PGlite (one year of the same trust). For each engine:
 * - the full quarterly report computed from records, one at a time (median and slowest of --runs);
 * - each dashboard's data (the trust's, a locality's, a team's) with 20 users asking at once for
 *   --seconds, first computed from records every time (the one-minute cache bypassed), then as the
 *   app serves it (figures shared for a minute, src/domains/reports/cache.ts);
 * - on PostgreSQL, the slowest statements of one cold report and dashboards, with their plans
 *   (EXPLAIN (ANALYZE, BUFFERS), run as the application's role inside its organisation);
 * - the dashboard pages over HTTP under 20 users, as the app serves them.
 * The generated databases are kept between runs (PostgreSQL database heard_bench_reports_5y, PGlite
 * folder heard-bench-reports-1y in the temporary directory); --fresh makes them again.
 * Everything runs on this machine, so each figure is printed with the load average when measured.
 */
const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const only = (() => {
  const at = process.argv.indexOf('--only');
  return at >= 0 ? process.argv[at + 1] : undefined;
})();
const settings = {
  seconds: option('--seconds', 10),
  runs: option('--runs', 5),
  users: 20,
  quarter: '2017/18-Q2',
  fresh: process.argv.includes('--fresh'),
  plans: option('--plans', 3),
};
const postgresAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const postgresDatabase = 'heard_bench_reports_5y';
const pgliteFolder = join(tmpdir(), 'heard-bench-reports-1y');
const say = (line: string) => process.stderr.write(`… ${line}\n`);
const load = () => loadavg()[0]?.toFixed(1) ?? '?';

// --- the generated trust ---------------------------------------------------------------------

async function demoOrgId(db: Sql): Promise<string | null> {
  const result = await db.query<{ org_id: string }>(
    `select org_id from organisations where ods_code = '${demoOdsCode}'`,
  );
  return result.rows[0]?.org_id ?? null;
}

/** Loads the demo trust through `heard demo` (which migrates first) and grows it to `size`. */
async function generatedTrust(
  env: Environment,
  open: () => Promise<Sql & { close(): Promise<void> }>,
  size: TrustSize,
) {
  const started = performance.now();
  let db = await open();
  let orgId = await demoOrgId(db).catch(() => null);
  if (orgId && (await holdsTrust(db, orgId, size))) {
    await db.close();
    say('the generated trust is there from an earlier run');
    // Any new migration (an index) is applied by `heard migrate`.
    await runHeard(['migrate'], env, 900_000);
    return { generatedSeconds: null, orgId };
  }
  await db.close();
  say('loading the demo trust at scale 5 (heard demo)');
  await runHeard(['demo', '--scale', '5'], env, 1_800_000);
  db = await open();
  orgId = await demoOrgId(db);
  if (!orgId) throw new Error('heard demo loaded no demo trust');
  const held = await growTrust(db, orgId, size, say);
  await db.close();
  say(
    `generated in ${((performance.now() - started) / 1000).toFixed(0)} s: ${[...held].map(([kind, n]) => `${n} ${kind}`).join(', ')}`,
  );
  return { generatedSeconds: (performance.now() - started) / 1000, orgId };
}

async function postgresTrust(): Promise<string> {
  const admin = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3_000 });
  await admin.connect();
  try {
    if (settings.fresh) await admin.query(`drop database if exists ${postgresDatabase} with (force)`);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [postgresDatabase]);
    if (exists.rowCount === 0) await admin.query(`create database ${postgresDatabase}`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${postgresDatabase}`;
  return url.toString();
}

// --- timing the data ---------------------------------------------------------------------------

interface Timing {
  p50Ms: number;
  p95Ms: number;
  calls: number;
  load: string;
}

/** `users` callers each calling `work` again as soon as it answers, for `seconds`. */
async function underLoad(work: () => Promise<unknown>, users: number, seconds: number): Promise<Timing> {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: users }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        await work();
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    calls: latencies.length,
    load: load(),
  };
}

async function oneAtATime(work: () => Promise<unknown>, runs: number) {
  const timings: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await work();
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return {
    medianMs: timings[Math.floor(timings.length / 2)] ?? 0,
    slowestMs: timings.at(-1) ?? 0,
    load: load(),
  };
}

interface DataFigures {
  report: { medianMs: number; slowestMs: number; load: string };
  reportShared: { medianMs: number; slowestMs: number; load: string };
  dashboards: {
    name: string;
    alone: { medianMs: number; slowestMs: number; load: string };
    cold: Timing;
    shared: Timing;
  }[];
}

async function measureData(db: Database, orgId: string, engine: string): Promise<DataFigures> {
  const cold = reportsService({ db, cacheSeconds: 0 });
  const shared = reportsService({ db, cacheSeconds: 60 });
  say(`${engine}: the full quarterly report, computed from records, ${settings.runs} times`);
  await cold.quarterlyReport(orgId, settings.quarter);
  const report = await oneAtATime(() => cold.quarterlyReport(orgId, settings.quarter), settings.runs);
  await shared.quarterlyReport(orgId, settings.quarter);
  const reportShared = await oneAtATime(() => shared.quarterlyReport(orgId, settings.quarter), settings.runs);
  const trust = await cold.trustDashboard(orgId, settings.quarter);
  const locality = trust.localities[0] ?? null;
  const team = await busiestTeam(db, orgId);
  const whole = { orgId, unitScope: 'all' as const };
  const dashboards = [
    { name: 'trust', call: (s: typeof cold) => s.trustDashboard(orgId, settings.quarter) },
    {
      name: `locality (${locality})`,
      call: (s: typeof cold) => s.trustDashboard(orgId, settings.quarter, { locality }),
    },
    {
      name: `team (${team.name})`,
      call: (s: typeof cold) => s.unitDashboard(whole, team.unitId, settings.quarter),
    },
  ];
  const results: DataFigures['dashboards'] = [];
  for (const dashboard of dashboards) {
    say(
      `${engine}: the ${dashboard.name} dashboard's data, ${settings.users} users for ${settings.seconds} s, computed each time, then shared`,
    );
    const alone = await oneAtATime(() => dashboard.call(cold), settings.runs);
    const coldTiming = await underLoad(() => dashboard.call(cold), settings.users, settings.seconds);
    const sharedTiming = await underLoad(() => dashboard.call(shared), settings.users, settings.seconds);
    results.push({ name: dashboard.name, alone, cold: coldTiming, shared: sharedTiming });
  }
  return { report, reportShared, dashboards: results };
}

/** The team (a unit of kind team or ward) with the most records: the heaviest team dashboard. */
async function busiestTeam(db: Database, orgId: string) {
  const { withOrg } = await import('#src/db/tenancy.ts');
  const { sql } = await import('drizzle-orm');
  const rows = await withOrg(db, orgId, (tx) =>
    tx.execute(sql`select u.unit_id as "unitId", u.name, count(*)::int as records
                     from units u join feedback_records r on r.org_id = u.org_id and r.unit_id = u.unit_id
                    where u.kind in ('team', 'ward')
                    group by u.unit_id, u.name order by records desc limit 1`),
  );
  const row = (rows as unknown as { rows: { unitId: string; name: string }[] }).rows[0];
  if (!row) throw new Error('the generated trust has no team with records');
  return row;
}

// --- the slowest statements and their plans (PostgreSQL) ----------------------------------------

interface Statement {
  text: string;
  values: unknown[];
  ms: number;
}

/** Times every statement the pg client sends while `work` runs. */
async function statementsOf(work: () => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    const [config, values] = args;
    const text = typeof config === 'string' ? config : (config as { text?: string })?.text;
    if (
      text &&
      result instanceof Promise &&
      !/^(begin|commit|rollback|select set_config)/i.test(text.trim())
    ) {
      const started = performance.now();
      const bound = Array.isArray(values) ? values : ((config as { values?: unknown[] })?.values ?? []);
      result.then(
        () => seen.push({ text, values: bound, ms: performance.now() - started }),
        () => undefined,
      );
    }
    return result;
  };
  try {
    await work();
  } finally {
    prototype.query = original;
  }
  return seen;
}

async function slowestPlans(url: string, orgId: string, statements: Statement[]) {
  const byText = new Map<string, Statement>();
  for (const statement of statements) {
    const found = byText.get(statement.text);
    if (!found || found.ms < statement.ms) byText.set(statement.text, statement);
  }
  const slowest = [...byText.values()].sort((a, b) => b.ms - a.ms).slice(0, settings.plans);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const plans: { ms: number; text: string; plan: string }[] = [];
  try {
    for (const statement of slowest) {
      await client.query('begin');
      await client.query(
        "select set_config('heard.org_id', $1, true), set_config('role', 'heard_app', true)",
        [orgId],
      );
      const result = await client.query({
        text: `explain (analyze, buffers) ${statement.text}`,
        values: statement.values,
      });
      await client.query('rollback');
      plans.push({
        ms: statement.ms,
        text: statement.text.replace(/\s+/g, ' '),
        plan: result.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'),
      });
    }
  } finally {
    await client.end();
  }
  return plans;
}

// --- the pages over HTTP -----------------------------------------------------------------------

async function measurePages(env: Environment, orgId: string, teamUnitId: string) {
  const server = await startServer({ ...env, NODE_ENV: 'production', LOG_LEVEL: 'info' });
  try {
    const cookie = await signIn(server.baseUrl, demoAdministratorEmail, demoPassword);
    const pages: { name: string; result: LoadResult & { load: string } }[] = [];
    for (const [name, path] of [
      ['trust dashboard page', `/reports/dashboard?quarter=${settings.quarter}`],
      ['team dashboard page', `/reports/dashboard/units/${teamUnitId}?quarter=${settings.quarter}`],
    ] as const) {
      say(`${name}: ${settings.users} connections for ${settings.seconds} s`);
      const result = await loadTest(`${server.baseUrl}${path}`, cookie, settings.users, settings.seconds);
      pages.push({ name, result: { ...result, load: load() } });
    }
    return pages;
  } finally {
    await server.stop();
    void orgId;
  }
}

// --- each engine -------------------------------------------------------------------------------

async function postgres() {
  const url = await postgresTrust();
  const env: Environment = { DATABASE_URL: url, SESSION_SECRET: 'bench-reports-'.padEnd(64, '0') };
  const open = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return { query: (text: string) => client.query(text), close: () => client.end() } as Sql & {
      close(): Promise<void>;
    };
  };
  const generation = await generatedTrust(env, open, fiveYearTrust);
  const handle = await openDatabase({ url, dataDir: '' });
  try {
    const { orgId } = generation;
    const data = await measureData(handle.db, orgId, 'PostgreSQL');
    say('PostgreSQL: the slowest statements of one cold report and dashboards, and their plans');
    const cold = reportsService({ db: handle.db, cacheSeconds: 0 });
    const team = await busiestTeam(handle.db, orgId);
    const statements = await statementsOf(async () => {
      await cold.quarterlyReport(orgId, settings.quarter);
      await cold.trustDashboard(orgId, settings.quarter);
      await cold.unitDashboard({ orgId, unitScope: 'all' }, team.unitId, settings.quarter);
    });
    const plans = await slowestPlans(url, orgId, statements);
    await handle.close();
    const pages = await measurePages(env, orgId, team.unitId);
    return { engine: 'PostgreSQL 15, 127.0.0.1 (5 years)', generation, data, plans, pages };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

async function pglite() {
  if (settings.fresh) rmSync(pgliteFolder, { recursive: true, force: true });
  mkdirSync(pgliteFolder, { recursive: true });
  const env: Environment = { HEARD_DATA_DIR: pgliteFolder };
  const open = async () => {
    const client = await PGlite.create(pgliteFolder);
    return { query: (text: string) => client.query(text), close: () => client.close() } as Sql & {
      close(): Promise<void>;
    };
  };
  const generation = await generatedTrust(env, open, oneYearTrust);
  const handle = await openDatabase({ dataDir: pgliteFolder });
  let teamUnitId = '';
  const { orgId } = generation;
  let data: DataFigures;
  try {
    data = await measureData(handle.db, orgId, 'PGlite');
    teamUnitId = (await busiestTeam(handle.db, orgId)).unitId;
  } finally {
    await handle.close();
  }
  const pages = await measurePages(env, orgId, teamUnitId);
  return { engine: 'PGlite, embedded (1 year)', generation, data, plans: [], pages };
}

async function main() {
  const results = [];
  if (only !== 'pglite') results.push(await postgres());
  if (only !== 'postgres') results.push(await pglite());
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const lines = [
    '',
    `Reports on ${availableParallelism()} cores, Node ${process.version}; generated trust (bench/reports-trust.ts), quarter ${settings.quarter}; load average (1 min) beside each figure.`,
    '',
    '| engine | full report, computed: median (slowest) | shared | load |',
    '| --- | --- | --- | --- |',
    ...results.map(
      ({ engine, data }) =>
        `| ${engine} | ${ms(data.report.medianMs)} (${ms(data.report.slowestMs)}) | ${ms(data.reportShared.medianMs)} | ${data.report.load} |`,
    ),
    '',
    `Each dashboard's data: computed from records (cache bypassed) by one user at a time (median of ${settings.runs}), then by ${settings.users} users at once for ${settings.seconds} s; then shared for a minute as the app does, ${settings.users} users at once.`,
    '',
    '| engine | dashboard | one user, computed | load | 20 users, computed p50 | p95 | calls | load | 20 users, shared p50 | p95 | load |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.flatMap(({ engine, data }) =>
      data.dashboards.map(
        (d) =>
          `| ${engine} | ${d.name} | ${ms(d.alone.medianMs)} | ${d.alone.load} | ${ms(d.cold.p50Ms)} | ${ms(d.cold.p95Ms)} | ${d.cold.calls} | ${d.cold.load} | ${ms(d.shared.p50Ms)} | ${ms(d.shared.p95Ms)} | ${d.shared.load} |`,
      ),
    ),
    '',
    `Pages over HTTP, ${settings.users} connections for ${settings.seconds} s each, as the app serves them (figures shared for a minute):`,
    '',
    '| engine | page | p50 | p95 | requests/s | failures | load |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...results.flatMap(({ engine, pages }) =>
      pages.map(
        (p) =>
          `| ${engine} | ${p.name} | ${ms(p.result.p50Ms)} | ${ms(p.result.p95Ms)} | ${p.result.requestsPerSecond.toFixed(1)} | ${p.result.failures} | ${p.result.load} |`,
      ),
    ),
    '',
    ...results.flatMap(({ engine, generation }) =>
      generation.generatedSeconds === null
        ? []
        : [`${engine}: generated in ${generation.generatedSeconds.toFixed(0)} s.`],
    ),
    ...results.flatMap(({ plans }) =>
      plans.flatMap((plan) => [
        '',
        `Slow statement (${ms(plan.ms)}): ${plan.text.slice(0, 400)}`,
        '```',
        plan.plan,
        '```',
      ]),
    ),
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
