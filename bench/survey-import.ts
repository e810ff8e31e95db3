import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { importResponsesFromFile } from '#src/cli/import-responses.ts';
import { loadConfig } from '#src/config.ts';
import { type DatabaseHandle, openDatabase } from '#src/db/engine.ts';
import { applyMigrations } from '#src/db/migrate.ts';
import { codeWaitingComments, waitingCount } from '#src/domains/comments/index.ts';
import { createOrganisation, createUnit, listOrganisations } from '#src/domains/organisations/index.ts';
import { installSurveyTemplates } from '#src/domains/surveys/index.ts';
import { systemActor } from '#src/web/principal.ts';

// Issue 5's import benchmark: `npx tsx bench/survey-import.ts [--rows N] [--engine postgres|pglite]`
// (`npm run bench` runs it once per engine, in a process of its own so that each peak of memory is
// the import's alone). Writes a CSV of N FFT responses, every other one with a comment, and imports
// it through `importResponsesFromFile`, the code `heard import responses FILE --survey fft` runs:
// opening the database, reading, checking and storing every row with its audit, the free text left
// waiting to be coded. It then times the coding job catching up (as `heard serve` or
// `heard themes code` runs it; `--no-coding` skips it). CPU seconds per 1,000 rows are given for
// this process and, on PostgreSQL, the server's backends (read from /proc), so that a figure taken
// on a busy machine can be judged. On PostgreSQL it then times a bare server-side COPY of the same
// file into a table without constraints, for the ratio asked for. The last line printed is the
// figures as JSON. `--keep-database` leaves the PostgreSQL database for EXPLAIN ANALYZE.

export interface ImportFigures {
  engine: 'postgres' | 'pglite';
  rows: number;
  imported: number;
  seconds: number;
  rowsPerSecond: number;
  /** The import's process at its largest (getrusage's maximum resident set size). */
  peakRssMb: number;
  /** PostgreSQL only: the bare COPY of the same file. */
  copySeconds?: number;
  copyRowsPerSecond?: number;
  /** PostgreSQL only: the import's rate as a fraction of the bare COPY's. */
  ratioToCopy?: number;
  /** The load average over the last minute when the import finished: the machine is shared. */
  loadAverage: number;
  /** CPU seconds the import took per 1,000 rows: this process, and (PostgreSQL) the server's backends. */
  nodeCpuPer1000: number;
  serverCpuPer1000?: number;
  /** Comments the import left waiting to be coded, and how long the coding job took to code them all. */
  commentsWaiting: number;
  codingSeconds: number;
  codingLoadAverage: number;
  /** CPU seconds the coding took per 1,000 comments: this process, and (PostgreSQL) the server's backends. */
  codingNodeCpuPer1000?: number;
  codingServerCpuPer1000?: number;
}

/**
 * CPU seconds used by the PostgreSQL backends serving one database, read from /proc while they run
 * (a backend's last fraction of a second before it exits is missed: a slight undercount).
 */
function watchServerCpu(adminClient: pg.Client, database: string) {
  const ticks = 100; // USER_HZ on Linux
  const seen = new Map<number, number>();
  let stopped = false;
  const sample = async () => {
    const { rows } = await adminClient.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1',
      [database],
    );
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        seen.set(pid, (Number(fields[11]) + Number(fields[12])) / ticks);
      } catch {
        // The backend ended between the query and the read.
      }
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await sample();
      await new Promise((done) => setTimeout(done, 100));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    let total = 0;
    for (const seconds of seen.values()) total += seconds;
    return total;
  };
}

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const answers = ['very-good', 'good', 'neither', 'poor', 'very-poor', 'dont-know'];
const comments = [
  'Kind and patient staff',
  'The wait was too long',
  'Clear advice, thank you',
  'Nobody told me, "when" my appointment was',
];

async function writeResponses(path: string, rows: number, units: string[]) {
  const out = createWriteStream(path);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((done) => out.once('drain', () => done()));
  await write('submission_id,unit_code,response_date,mode,fft,good\n');
  let lines: string[] = [];
  for (let index = 0; index < rows; index += 1) {
    const day = String(1 + (index % 28)).padStart(2, '0');
    const comment = index % 2 ? csvField(comments[(index >> 1) % comments.length] ?? '') : '';
    lines.push(
      `bench-${index},${units[index % units.length]},2021-09-${day},sms,${answers[index % 6]},${comment}`,
    );
    if (lines.length === 10_000) {
      await write(`${lines.join('\n')}\n`);
      lines = [];
    }
  }
  await write(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  await new Promise<void>((done) => out.end(() => done()));
}

const csvField = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** Imports `rows` responses on one engine in this process and returns the figures. */
export async function measureImport(engine: 'postgres' | 'pglite', rows: number): Promise<ImportFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'heard-survey-bench-'));
  const file = join(folder, 'responses.csv');
  const name = `heard_bench_${randomBytes(5).toString('hex')}`;
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const dataDir = join(folder, 'pglite');
  const admin = new pg.Client({ connectionString: adminUrl });
  let created = false;
  try {
    let setup: DatabaseHandle;
    if (engine === 'postgres') {
      await admin.connect();
      await admin.query(`create database ${name}`);
      created = true;
      setup = await openDatabase({ url, dataDir: '' });
    } else {
      setup = await openDatabase({ dataDir });
    }
    const units = Array.from({ length: 50 }, (_, index) => `U${index}`);
    try {
      await applyMigrations(setup);
      const actor = systemActor('Benchmark');
      const { orgId } = await createOrganisation(setup.db, actor, { name: 'Bench Trust', odsCode: 'RBN' });
      for (const code of units)
        await createUnit(setup.db, orgId, actor, {
          code,
          name: code,
          kind: 'team',
          activeFrom: '2015-01-01',
        });
      await installSurveyTemplates(setup.db, orgId, actor);
    } finally {
      // The embedded database is one process's at a time: the import opens it afresh, as the command does.
      await setup.close();
    }
    await writeResponses(file, rows, units);

    const config = loadConfig(
      engine === 'postgres'
        ? { DATABASE_URL: url, SESSION_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent' }
        : { HEARD_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    );
    let summary = '';
    const stopWatching = engine === 'postgres' ? watchServerCpu(admin, name) : null;
    const peak = { heapTotal: 0, external: 0, arrayBuffers: 0, rss: 0 };
    const memoryTimer = process.env.BENCH_MEMORY
      ? setInterval(() => {
          const usage = process.memoryUsage();
          for (const key of Object.keys(peak) as (keyof typeof peak)[])
            peak[key] = Math.max(peak[key], Math.round(usage[key] / 1048576));
        }, 200)
      : null;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const code = await importResponsesFromFile(
      config,
      { file, survey: 'fft', dryRun: false, coding: false },
      {
        report: (line) => {
          if (process.env.BENCH_VERBOSE) console.error(line);
        },
        summary: (line) => {
          summary = line;
        },
        progressBar: false,
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (memoryTimer) {
      clearInterval(memoryTimer);
      console.log('peak MB during the import', peak);
    }
    const serverCpu = stopWatching ? await stopWatching() : undefined;
    const loadAverage = loadavg()[0] ?? 0;
    const imported = Number(/: ([\d,]+) imported/.exec(summary)?.[1]?.replaceAll(',', '') ?? 0);
    if (code !== 0 || imported !== rows) throw new Error(`The import did not store every row: ${summary}`);
    const figures: ImportFigures = {
      engine,
      rows,
      imported,
      seconds,
      rowsPerSecond: rows / seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      loadAverage,
      nodeCpuPer1000: (cpu.user + cpu.system) / 1e6 / (rows / 1000),
      serverCpuPer1000: serverCpu === undefined ? undefined : serverCpu / (rows / 1000),
      commentsWaiting: 0,
      codingSeconds: 0,
      codingLoadAverage: 0,
    };
    // The coding job catching up, as `heard serve` or `heard themes code` runs it (memory here is
    // not the import's: the peak above was read before).
    const coding = await openDatabase(engine === 'postgres' ? { url, dataDir: '' } : { dataDir });
    try {
      const [organisation] = await listOrganisations(coding.db);
      if (!organisation) throw new Error('The benchmark organisation is missing');
      figures.commentsWaiting = await waitingCount(coding.db, organisation.orgId);
      if (process.argv.includes('--no-coding')) return figures;
      const stopWatchingCoding = engine === 'postgres' ? watchServerCpu(admin, name) : null;
      const codingCpu = process.cpuUsage();
      const codingStarted = performance.now();
      const coded = await codeWaitingComments(coding.db, organisation.orgId, systemActor('Benchmark'));
      figures.codingSeconds = (performance.now() - codingStarted) / 1000;
      const codingCpuUsed = process.cpuUsage(codingCpu);
      const thousands = Math.max(coded, 1) / 1000;
      figures.codingNodeCpuPer1000 = (codingCpuUsed.user + codingCpuUsed.system) / 1e6 / thousands;
      if (stopWatchingCoding) figures.codingServerCpuPer1000 = (await stopWatchingCoding()) / thousands;
      figures.codingLoadAverage = loadavg()[0] ?? 0;
      if (coded !== figures.commentsWaiting)
        throw new Error(`The coding job coded ${coded} of ${figures.commentsWaiting} waiting comments`);
    } finally {
      await coding.close();
    }
    if (engine === 'postgres') {
      // The server reads the file for the bare COPY, as its own user.
      chmodSync(folder, 0o755);
      chmodSync(file, 0o644);
      const bench = new pg.Client({ connectionString: url });
      await bench.connect();
      try {
        await bench.query(
          'create table bare_copy (submission_id text, unit_code text, response_date text, mode text, fft text, good text)',
        );
        const copyStarted = performance.now();
        await bench.query(`copy bare_copy from '${file}' with (format csv, header true)`);
        figures.copySeconds = (performance.now() - copyStarted) / 1000;
      } finally {
        await bench.end();
      }
      figures.copyRowsPerSecond = rows / figures.copySeconds;
      figures.ratioToCopy = figures.rowsPerSecond / figures.copyRowsPerSecond;
    }
    return figures;
  } finally {
    if (process.argv.includes('--keep-database')) console.log(`kept ${name}`);
    else if (created) await admin.query(`drop database if exists ${name} with (force)`);
    if (engine === 'postgres') await admin.end();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Runs the benchmark in a child process (its memory its own) and returns its figures. */
export function measureImportInChild(engine: 'postgres' | 'pglite', rows: number): Promise<ImportFigures> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, '--rows', String(rows), '--engine', engine],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.on('exit', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as ImportFigures);
      else reject(new Error(`The ${engine} import benchmark failed (exit ${code}):\n${output}`));
    });
  });
}

export function describeImport(figures: ImportFigures): string {
  const rate = (value: number) => Math.round(value).toLocaleString('en-GB');
  const copy =
    figures.copyRowsPerSecond !== undefined
      ? `; bare COPY of the same file ${rate(figures.copyRowsPerSecond)} rows/s (${figures.copySeconds?.toFixed(2)} s), import / COPY = ${figures.ratioToCopy?.toFixed(3)}`
      : '';
  const server =
    figures.serverCpuPer1000 !== undefined ? `, server ${figures.serverCpuPer1000.toFixed(3)}` : '';
  const coding =
    figures.codingLoadAverage > 0
      ? `then ${figures.commentsWaiting.toLocaleString('en-GB')} comments coded in the background in ${figures.codingSeconds.toFixed(1)} s (load average ${figures.codingLoadAverage.toFixed(1)}; CPU s per 1,000 comments: Node ${figures.codingNodeCpuPer1000?.toFixed(3)}${figures.codingServerCpuPer1000 !== undefined ? `, server ${figures.codingServerCpuPer1000.toFixed(3)}` : ''})`
      : `${figures.commentsWaiting.toLocaleString('en-GB')} comments left waiting (coding not measured: --no-coding)`;
  return `${figures.engine}: ${figures.imported.toLocaleString('en-GB')} responses in ${figures.seconds.toFixed(1)} s = ${rate(figures.rowsPerSecond)} rows/s, peak RSS ${Math.round(figures.peakRssMb)} MB${copy} (load average ${figures.loadAverage.toFixed(1)}); CPU s per 1,000 rows: Node ${figures.nodeCpuPer1000.toFixed(3)}${server}; ${coding}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const option = (name: string, fallback: string) => {
    const index = process.argv.indexOf(name);
    return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
  };
  const engine = option('--engine', 'postgres') === 'pglite' ? 'pglite' : 'postgres';
  const figures = await measureImport(engine, Number(option('--rows', '200000')));
  console.log(describeImport(figures));
  console.log(JSON.stringify(figures));
}
