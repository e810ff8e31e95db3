import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { demoAdministratorEmail, demoOdsCode, demoPassword } from '#src/demo/accounts.ts';
import { loadTest } from './load.ts';
import { countRecords } from './records.ts';
import { type Environment, residentMegabytes, runHeard, signIn, sleep, startServer } from './server.ts';
import { publicServiceIds, type SubmissionLoad, submissionLoad } from './submissions.ts';
import { describeImport, type ImportFigures, measureImportInChild } from './survey-import.ts';
import {
  describeSurveySubmissions,
  measureSurveySubmissions,
  type SurveySubmissionFigures,
} from './survey-submissions.ts';
import { measureThemes, themeReport } from './themes.ts';

/**
 * `npm run bench`: cold start, idle memory, the signed-in home page under load and sustained
 * submissions of the public feedback form, on each engine; then the surveys' figures (issue 5): the
 * response import on each engine and public survey submissions on PostgreSQL. Everything runs on
 * this machine against 127.0.0.1, so every figure is printed with its core count.
 *
 * BENCH_IMPORT_ROWS sets the responses imported (200,000 by default; the issue's figure is
 * 1,000,000); BENCH_ONLY=surveys measures only the surveys.
 */
const settings = {
  scale: numberOption('--scale', 5),
  seconds: numberOption('--seconds', 10),
  // BENCH_SUBMIT_SECONDS=3 makes a quick check of the public form's benchmark.
  submitSeconds: numberOption('--submit-seconds', Number(process.env.BENCH_SUBMIT_SECONDS ?? 20)),
  connections: 20,
  /** Members of the public filling in the form at once, one journey after another each. */
  submitClients: 20,
  coldStarts: 3,
  importRows: Number(process.env.BENCH_IMPORT_ROWS ?? 200_000),
  surveyClients: 50,
  surveySeconds: Number(process.env.BENCH_SURVEY_SECONDS ?? 20),
  only: process.env.BENCH_ONLY,
  warmUpSeconds: 2,
  idleSeconds: 2,
};
const postgresAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const cores = availableParallelism();
/** `--no-reports` leaves out the reports benchmark (bench/reports.ts, `npm run bench:reports`). */
const withReports = !process.argv.includes('--no-reports');
// The whole run stops rather than hang: two engines, each well under eight minutes, the imports,
// allowed ten minutes for every million rows, and the reports benchmark, which the first time
// generates its two trusts (about half an hour; they are kept for later runs, bench/reports.ts).
const overallLimitMs = (withReports ? 60 : 16) * 60_000 + (settings.importRows / 1_000_000) * 10 * 60_000;
/**
 * Every submission comes from 127.0.0.1, so the public form's limit per address (20 in 10 minutes
 * by default, src/config.ts) is raised for the benchmark, or it would measure the 429 page.
 */
const submitRateLimit = '1000000';

interface EngineFigures {
  engine: string;
  demoLoadSeconds?: number;
  coldStartMs?: number[];
  idleRssMb?: number | null;
  p50Ms?: number;
  p95Ms?: number;
  requestsPerSecond?: number;
  failures?: number;
  submissions?: SubmissionFigures;
  skipped?: string;
}

interface SubmissionFigures extends Omit<SubmissionLoad, 'references'> {
  /** Confirmations in the warm-up and the measured run together: what the database must hold. */
  allConfirmed: number;
  newRecords: number;
  /** Confirmed references the database does not hold. */
  lost: number;
}

interface Engine {
  name: string;
  /** The environment `heard` runs with, or why this engine cannot be measured here. */
  prepare(): Promise<Environment | string>;
  cleanup(): Promise<void>;
}

function pgliteEngine(): Engine {
  const dataDir = mkdtempSync(join(tmpdir(), 'heard-bench-'));
  return {
    name: 'PGlite (embedded)',
    prepare: async () => ({ HEARD_DATA_DIR: dataDir }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

function postgresEngine(): Engine {
  const database = `heard_bench_${randomBytes(6).toString('hex')}`;
  let created = false;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3_000 });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'PostgreSQL 127.0.0.1',
    async prepare() {
      try {
        await admin(`create database ${database}`);
      } catch (error) {
        return `no PostgreSQL at ${postgresAdminUrl} (${(error as Error).message})`;
      }
      created = true;
      const url = new URL(postgresAdminUrl);
      url.pathname = `/${database}`;
      return { DATABASE_URL: url.toString(), SESSION_SECRET: randomBytes(32).toString('hex') };
    },
    async cleanup() {
      if (created) await admin(`drop database if exists ${database} with (force)`);
    },
  };
}

async function measure(engine: Engine): Promise<EngineFigures> {
  const prepared = await engine.prepare();
  if (typeof prepared === 'string') return { engine: engine.name, skipped: prepared };
  // Production settings: templates cached; request logs at info level, written to nowhere.
  const env: Environment = {
    ...prepared,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    FEEDBACK_SUBMIT_RATE_LIMIT_PER_10_MINUTES: submitRateLimit,
  };
  const figures: EngineFigures = { engine: engine.name, coldStartMs: [] };
  progress(`${engine.name}: loading the demo trust at scale ${settings.scale}`);
  const loadStarted = performance.now();
  await runHeard(['demo', '--scale', String(settings.scale)], env);
  figures.demoLoadSeconds = (performance.now() - loadStarted) / 1000;

  for (let run = 1; run <= settings.coldStarts; run += 1) {
    progress(`${engine.name}: cold start ${run} of ${settings.coldStarts}`);
    const server = await startServer(env);
    figures.coldStartMs?.push(server.coldStartMs);
    if (run < settings.coldStarts) {
      await server.stop();
      continue;
    }
    try {
      await sleep(settings.idleSeconds * 1000);
      figures.idleRssMb = residentMegabytes(server.pid);
      const cookie = await signIn(server.baseUrl, demoAdministratorEmail, demoPassword);
      progress(`${engine.name}: GET / signed in, ${settings.connections} connections, ${settings.seconds} s`);
      await loadTest(`${server.baseUrl}/`, cookie, settings.connections, settings.warmUpSeconds);
      const load = await loadTest(`${server.baseUrl}/`, cookie, settings.connections, settings.seconds);
      Object.assign(figures, load);
    } finally {
      await server.stop();
    }
  }
  figures.submissions = await measureSubmissions(engine, env);
  return figures;
}

/**
 * The public form under sustained load, then a count of the records in the database (with Heard
 * stopped, as the embedded database is one process's at a time): every confirmation must be there.
 */
async function measureSubmissions(engine: Engine, env: Environment): Promise<SubmissionFigures> {
  const before = await countRecords(env, []);
  const server = await startServer(env);
  let warmUp: SubmissionLoad;
  let load: SubmissionLoad;
  try {
    const journey = {
      baseUrl: server.baseUrl,
      odsCode: demoOdsCode,
      unitIds: await publicServiceIds(server.baseUrl, demoOdsCode, 'team'),
    };
    progress(
      `${engine.name}: public form submissions, ${settings.submitClients} at once, ${settings.submitSeconds} s`,
    );
    warmUp = await submissionLoad(journey, settings.submitClients, settings.warmUpSeconds);
    load = await submissionLoad(journey, settings.submitClients, settings.submitSeconds);
  } finally {
    await server.stop();
  }
  const references = [...warmUp.references, ...load.references];
  const after = await countRecords(env, references);
  const { references: _, ...figures } = load;
  return {
    ...figures,
    failures: warmUp.failures + load.failures,
    failureSamples: [...warmUp.failureSamples, ...load.failureSamples].slice(0, 5),
    allConfirmed: references.length,
    newRecords: after.fromWebForm - before.fromWebForm,
    lost: references.length - after.found,
  };
}

function report(results: EngineFigures[]) {
  const rows = results.map((figures) =>
    figures.skipped
      ? [figures.engine, `skipped: ${figures.skipped}`, '', '', '', '', '', String(cores)]
      : [
          figures.engine,
          `${median(figures.coldStartMs ?? []).toFixed(0)} ms (${(figures.coldStartMs ?? []).map((ms) => ms.toFixed(0)).join(', ')})`,
          figures.idleRssMb ? `${figures.idleRssMb.toFixed(0)} MB` : 'n/a',
          `${figures.p50Ms?.toFixed(1)} ms`,
          `${figures.p95Ms?.toFixed(1)} ms`,
          `${figures.requestsPerSecond?.toFixed(0)}`,
          String(figures.failures ?? 0),
          String(cores),
        ],
  );
  const header = [
    'engine',
    'cold start to first page (median of runs)',
    'RSS at idle',
    'GET / p50',
    'GET / p95',
    'requests/s',
    'failures',
    'cores',
  ];
  const measured = results.filter((figures) => figures.submissions);
  console.log(
    [
      '',
      `Heard benchmarks on ${cores} cores (os.availableParallelism()), Node ${process.version}, ${process.platform} ${process.arch}`,
      `Demo trust at scale ${settings.scale}; server NODE_ENV=production; load generator on the same machine.`,
      `GET / is the signed-in home page of the demo administrator: ${settings.connections} connections for ${settings.seconds} s after a ${settings.warmUpSeconds} s warm-up.`,
      '',
      ...table(header, rows),
      '',
      ...results
        .filter((figures) => figures.demoLoadSeconds !== undefined)
        .map(
          (figures) =>
            `${figures.engine}: \`heard demo --scale ${settings.scale}\` took ${figures.demoLoadSeconds?.toFixed(1)} s on ${cores} cores.`,
        ),
      '',
      `Public form: ${settings.submitClients} members of the public at once for ${settings.submitSeconds} s after a ${settings.warmUpSeconds} s warm-up, each walking the whole journey`,
      'over HTTP in a new session (every page, with its CSRF token) and sending it; submissions/s counts confirmed journeys,',
      `the percentiles time the send alone (POST /feedback/${demoOdsCode}/check, which writes the record).`,
      `The limit per address on that send is raised to ${submitRateLimit} in 10 minutes (FEEDBACK_SUBMIT_RATE_LIMIT_PER_10_MINUTES).`,
      '',
      ...table(
        [
          'engine',
          'submissions/s',
          'send p50',
          'send p95',
          'send p99',
          'confirmed',
          'failures',
          'lost',
          'cores',
        ],
        measured.map(({ engine, submissions: s }) => [
          engine,
          s?.submissionsPerSecond.toFixed(1) ?? '',
          `${s?.p50Ms.toFixed(1)} ms`,
          `${s?.p95Ms.toFixed(1)} ms`,
          `${s?.p99Ms.toFixed(1)} ms`,
          String(s?.confirmed),
          String(s?.failures),
          String(s?.lost),
          String(cores),
        ]),
      ),
      '',
      ...measured.flatMap(({ engine, submissions: s }) => [
        `${engine}: ${s?.allConfirmed} confirmations (warm-up included), ${s?.newRecords} new feedback records from the web form, lost: ${s?.lost}.`,
        ...(s?.failureSamples ?? []).map((sample) => `  failed: ${sample}`),
      ]),
    ].join('\n'),
  );
}

/** A Markdown table whose columns line up, so the output can be pasted into the README. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

/** Exits non-zero when any confirmed submission is missing from the database, or more were written. */
function refuseLostSubmissions(results: EngineFigures[]) {
  for (const { engine, submissions } of results) {
    if (!submissions) continue;
    if (submissions.lost !== 0 || submissions.newRecords !== submissions.allConfirmed) {
      console.error(
        `${engine}: ${submissions.allConfirmed} submissions were confirmed but the database has ${submissions.newRecords} new records (${submissions.lost} confirmed references missing).`,
      );
      process.exitCode = 1;
    }
  }
}

interface SurveyFigures {
  imports: ImportFigures[];
  submissions?: SurveySubmissionFigures;
  /** What could not be measured here, and why (no PostgreSQL, a failure). */
  skipped: string[];
}

async function measureSurveys(): Promise<SurveyFigures> {
  const imports: ImportFigures[] = [];
  const skipped: string[] = [];
  for (const engine of ['postgres', 'pglite'] as const) {
    progress(`${engine}: importing ${settings.importRows.toLocaleString('en-GB')} survey responses from CSV`);
    try {
      imports.push(await measureImportInChild(engine, settings.importRows));
    } catch (error) {
      skipped.push(`${engine} import: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  progress(
    `PostgreSQL: ${settings.surveyClients} people answering the FFT at once, ${settings.surveySeconds} s`,
  );
  let submissions: SurveySubmissionFigures | undefined;
  try {
    submissions = await measureSurveySubmissions(settings.surveyClients, settings.surveySeconds);
  } catch (error) {
    skipped.push(`survey submissions: ${(error as Error).message}`);
  }
  return { imports, submissions, skipped };
}

function reportSurveys({ imports, submissions, skipped }: SurveyFigures) {
  const postgres = imports.find((figures) => figures.engine === 'postgres');
  const pglite = imports.find((figures) => figures.engine === 'pglite');
  console.log(
    [
      '',
      `Survey response import (issue 5) on ${cores} cores: \`heard import responses\`'s code, ${settings.importRows.toLocaleString('en-GB')} FFT responses from CSV, every other one with a comment (BENCH_IMPORT_ROWS):`,
      ...imports.map((figures) => `- ${describeImport(figures)}`),
      postgres && pglite
        ? `- PGlite / PostgreSQL = ${(pglite.rowsPerSecond / postgres.rowsPerSecond).toFixed(2)}`
        : '',
      '',
      submissions ? `Public survey submissions: ${describeSurveySubmissions(submissions)}.` : '',
      ...skipped.map((reason) => `Not measured: ${reason}`),
    ].join('\n'),
  );
  if (submissions && submissions.lost > 0) process.exitCode = 1;
}

async function main() {
  const limit = setTimeout(() => {
    console.error(
      `The benchmark took longer than ${Math.round(overallLimitMs / 60_000)} minutes and was stopped.`,
    );
    process.exit(1);
  }, overallLimitMs);
  limit.unref();
  progress('themes model');
  const themes = themeReport(await measureThemes(), cores);
  // `npm run bench -- --themes-only` measures the themes model alone, in seconds.
  if (process.argv.includes('--themes-only')) {
    console.log(themes.join('\n'));
    return;
  }
  const results: EngineFigures[] = [];
  if (settings.only !== 'surveys') {
    for (const engine of [pgliteEngine(), postgresEngine()]) {
      try {
        results.push(await measure(engine));
      } finally {
        await engine.cleanup();
      }
    }
  }
  const surveys = await measureSurveys();
  if (results.length > 0) {
    report(results);
    refuseLostSubmissions(results);
  }
  console.log(['', ...themes].join('\n'));
  reportSurveys(surveys);
  if (withReports && settings.only !== 'surveys') {
    progress('reports (npm run bench:reports)');
    await reportsBenchmark();
  }
}

/** The reports benchmark in its own process, its table printed after the others. */
function reportsBenchmark(): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL('../bin/bench-reports.js', import.meta.url))],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.on('exit', (code) => {
      if (code !== 0) {
        console.error(`The reports benchmark stopped with code ${code}.`);
        process.exitCode = 1;
      }
      resolve();
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function numberOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

function progress(message: string) {
  process.stderr.write(`… ${message}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
