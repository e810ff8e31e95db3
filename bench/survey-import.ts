import { randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '#src/db/engine.ts';
import { applyMigrations } from '#src/db/migrate.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { importResponses, installSurveyTemplates, responseFileRows } from '#src/domains/surveys/index.ts';
import { systemActor } from '#src/web/principal.ts';

// Issue 5's import benchmark: `npx tsx bench/survey-import.ts [--rows N] [--engine postgres|pglite]`.
// Writes a CSV of N FFT responses (half with a comment), imports it through `importResponses` (the
// code `heard import responses` runs) and, on PostgreSQL, times a bare server-side COPY of the same
// file into a table with no constraints, for the ratio. Peak memory is sampled as it runs.

const option = (name: string, fallback: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};
const rows = Number(option('--rows', '100000'));
const engine = option('--engine', 'postgres');
const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const answers = ['very-good', 'good', 'neither', 'poor', 'very-poor', 'dont-know'];
const comments = ['Kind and patient staff', 'The wait was too long', 'Clear advice, thank you', ''];

async function writeFile(path: string, units: string[]) {
  const out = createWriteStream(path);
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((done) => out.once('drain', () => done()));
  await write('submission_id,unit_code,response_date,mode,fft,good\n');
  for (let index = 0; index < rows; index += 1) {
    const day = String(1 + (index % 28)).padStart(2, '0');
    await write(
      `bench-${index},${units[index % units.length]},2021-09-${day},sms,${answers[index % 6]},${index % 2 ? comments[index % 4] : ''}\n`,
    );
  }
  await new Promise<void>((done) => out.end(() => done()));
}

async function main() {
  const folder = mkdtempSync(join(tmpdir(), 'heard-survey-bench-'));
  const file = join(folder, 'responses.csv');
  const name = `heard_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  let handle: DatabaseHandle | undefined;
  let peakMb = 0;
  const sampler = setInterval(() => {
    peakMb = Math.max(peakMb, process.memoryUsage().rss / 1_048_576);
  }, 100);
  try {
    if (engine === 'postgres') {
      await admin.connect();
      await admin.query(`create database ${name}`);
      handle = await openDatabase({
        url: adminUrl.replace(/\/postgres$/, `/${name}`),
        dataDir: '',
        poolSize: 4,
      });
    } else {
      handle = await openDatabase({ dataDir: join(folder, 'pglite') });
    }
    await applyMigrations(handle);
    const actor = systemActor('Benchmark');
    const { orgId } = await createOrganisation(handle.db, actor, { name: 'Bench Trust', odsCode: 'RBN' });
    const units = Array.from({ length: 50 }, (_, index) => `U${index}`);
    for (const code of units)
      await createUnit(handle.db, orgId, actor, { code, name: code, kind: 'team', activeFrom: '2015-01-01' });
    await installSurveyTemplates(handle.db, orgId, actor);
    await writeFile(file, units);
    // The server reads the file for the bare COPY, as its own user.
    chmodSync(folder, 0o755);
    chmodSync(file, 0o644);

    const started = performance.now();
    const result = await importResponses(handle.db, orgId, actor, responseFileRows(file), {
      surveyCode: 'fft',
      dryRun: false,
      today: '2026-01-01',
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${engine}: ${result.imported.toLocaleString('en-GB')} of ${rows.toLocaleString('en-GB')} rows imported in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds).toLocaleString('en-GB')} rows/s; peak RSS ${Math.round(peakMb)} MB`,
    );
    if (engine === 'postgres') {
      const bench = new pg.Client({ connectionString: adminUrl.replace(/\/postgres$/, `/${name}`) });
      bench.on('error', () => {});
      await bench.connect();
      await bench.query(
        'create table bare_copy (submission_id text, unit_code text, response_date text, mode text, fft text, good text)',
      );
      const copyStarted = performance.now();
      await bench.query(`copy bare_copy from '${file}' with (format csv, header true)`);
      const copySeconds = (performance.now() - copyStarted) / 1000;
      await bench.end();
      console.log(
        `bare COPY of the same file: ${copySeconds.toFixed(2)} s = ${Math.round(rows / copySeconds).toLocaleString('en-GB')} rows/s; import / COPY = ${(copySeconds / seconds).toFixed(3)}`,
      );
    }
  } finally {
    clearInterval(sampler);
    await handle?.close();
    if (engine === 'postgres') {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
