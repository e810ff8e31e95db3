import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { demoAdministratorEmail, demoPassword } from '#src/demo/accounts.ts';
import { loadTest } from './load.ts';
import { type Environment, runHeard, signIn, startServer } from './server.ts';

/**
 * `npm run bench:reports`: the quarterly report and the trust dashboard of the demo trust, on
 * each engine: the full report's JSON one request at a time (median and slowest of several), and
 * the dashboard page and the report page under 20 concurrent users. Everything runs on this
 * machine against 127.0.0.1, so every figure is printed with its core count.
 */
const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const settings = {
  scale: option('--scale', 1),
  seconds: option('--seconds', 10),
  runs: option('--runs', 5),
  connections: 20,
  quarter: '2017/18-Q2',
};
const cores = availableParallelism();
const postgresAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

interface Figures {
  engine: string;
  reportFirstMs?: number;
  reportMedianMs?: number;
  reportSlowestMs?: number;
  dashboard?: { p50Ms: number; p95Ms: number; requestsPerSecond: number; failures: number };
  reportPage?: { p50Ms: number; p95Ms: number; requestsPerSecond: number; failures: number };
  skipped?: string;
}

async function measure(engine: string, env: Environment): Promise<Figures> {
  process.stderr.write(`… ${engine}: loading the demo trust at scale ${settings.scale}\n`);
  await runHeard(['demo', '--scale', String(settings.scale)], env, 900_000);
  const server = await startServer({ ...env, NODE_ENV: 'production', LOG_LEVEL: 'info' });
  try {
    const cookie = await signIn(server.baseUrl, demoAdministratorEmail, demoPassword);
    const timings: number[] = [];
    let firstMs = 0;
    for (let run = 0; run < settings.runs + 1; run += 1) {
      const started = performance.now();
      const response = await fetch(
        `${server.baseUrl}/reports/quarterly/download?quarter=${settings.quarter}&format=json`,
        { headers: { cookie } },
      );
      if (response.status !== 200) throw new Error(`the report answered ${response.status}`);
      await response.arrayBuffer();
      // The first run computes the figures from records; the rest share them (src/domains/reports/cache.ts).
      if (run === 0) firstMs = performance.now() - started;
      else timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    process.stderr.write(
      `… ${engine}: dashboard and report pages, ${settings.connections} users, ${settings.seconds} s each\n`,
    );
    const dashboard = await loadTest(
      `${server.baseUrl}/reports/dashboard?quarter=${settings.quarter}`,
      cookie,
      settings.connections,
      settings.seconds,
    );
    const reportPage = await loadTest(
      `${server.baseUrl}/reports/quarterly?quarter=${settings.quarter}`,
      cookie,
      settings.connections,
      settings.seconds,
    );
    return {
      engine,
      reportFirstMs: firstMs,
      reportMedianMs: timings[Math.floor(timings.length / 2)],
      reportSlowestMs: timings.at(-1),
      dashboard,
      reportPage,
    };
  } finally {
    await server.stop();
  }
}

async function main() {
  const results: Figures[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'heard-bench-reports-'));
  try {
    results.push(await measure('PGlite (embedded)', { HEARD_DATA_DIR: dataDir }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const database = `heard_bench_reports_${randomBytes(6).toString('hex')}`;
  try {
    await admin(`create database ${database}`);
    const url = new URL(postgresAdminUrl);
    url.pathname = `/${database}`;
    try {
      results.push(
        await measure('PostgreSQL 127.0.0.1', {
          DATABASE_URL: url.toString(),
          SESSION_SECRET: randomBytes(32).toString('hex'),
        }),
      );
    } finally {
      await admin(`drop database if exists ${database} with (force)`);
    }
  } catch (error) {
    results.push({ engine: 'PostgreSQL', skipped: (error as Error).message });
  }
  const ms = (value: number | undefined) => (value === undefined ? '' : `${value.toFixed(0)} ms`);
  console.log(
    [
      '',
      `Reports on ${cores} cores, Node ${process.version}; demo trust at scale ${settings.scale}, quarter ${settings.quarter}; load generator on the same machine.`,
      `Full report: GET the JSON once (computed from records), then ${settings.runs} times more (figures shared for a minute). Pages: ${settings.connections} connections for ${settings.seconds} s.`,
      '',
      '| engine | full report, computed | shared, median | shared, slowest | dashboard p50 | dashboard p95 | report page p50 | report page p95 | failures |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...results.map((figures) =>
        figures.skipped
          ? `| ${figures.engine} | skipped: ${figures.skipped} | | | | | | | |`
          : `| ${figures.engine} | ${ms(figures.reportFirstMs)} | ${ms(figures.reportMedianMs)} | ${ms(figures.reportSlowestMs)} | ${ms(figures.dashboard?.p50Ms)} | ${ms(figures.dashboard?.p95Ms)} | ${ms(figures.reportPage?.p50Ms)} | ${ms(figures.reportPage?.p95Ms)} | ${(figures.dashboard?.failures ?? 0) + (figures.reportPage?.failures ?? 0)} |`,
      ),
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
