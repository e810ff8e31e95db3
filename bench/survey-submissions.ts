import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { buildApp } from '#src/app.ts';
import { loadConfig } from '#src/config.ts';
import { openDatabase } from '#src/db/engine.ts';
import { applyMigrations } from '#src/db/migrate.ts';
import { demoOdsCode } from '#src/demo/accounts.ts';
import { demoTrustStructure, loadDemo } from '#src/demo/index.ts';
import { percentile } from './load.ts';

// Issue 5's public survey benchmark: `npx tsx bench/survey-submissions.ts [--clients 50] [--seconds 20]`,
// and part of `npm run bench`.
// Heard on PostgreSQL with the demo trust's structure; each client opens a unit's FFT page (for
// its session and CSRF token) and then sends answers one after another, each with its own
// submission id. Every confirmed submission (a 303 to the thank-you page) is then looked for in
// the database: any missing is lost.

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface SurveySubmissionFigures {
  clients: number;
  seconds: number;
  submissionsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  confirmed: number;
  failures: number;
  lost: number;
}

/** `clients` people answering the FFT one after another for `seconds`, on PostgreSQL. */
export async function measureSurveySubmissions(
  clients: number,
  seconds: number,
): Promise<SurveySubmissionFigures> {
  const name = `heard_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const database = await openDatabase({ url, dataDir: '', poolSize: 20 });
  try {
    await applyMigrations(database);
    await loadDemo(database.db, { caseRecords: false, surveyResponses: false });
    const app = await buildApp({
      config: loadConfig({
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        DATABASE_URL: url,
        SESSION_SECRET: 'a-benchmark-session-secret-long-enough-for-production',
        SURVEY_SUBMIT_RATE_LIMIT_PER_10_MINUTES: '1000000',
      }),
      database,
      sessionSecret: 'a-benchmark-session-secret-long-enough-for-production',
      logger: false,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const wards = demoTrustStructure({ seed: 1, scale: 1 }).filter(
      (unit) => unit.kind === 'ward' || unit.kind === 'team',
    );
    const latencies: number[] = [];
    const confirmed: string[] = [];
    let failures = 0;
    const until = Date.now() + seconds * 1000;

    const client = async (index: number) => {
      const unit = wards[index % wards.length]?.code ?? '';
      const page = `${base}/surveys/${demoOdsCode}/fft/${unit}`;
      const opened = await fetch(page);
      const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const token = /name="_csrf" value="([^"]+)"/.exec(await opened.text())?.[1] ?? '';
      while (Date.now() < until) {
        const submissionId = randomUUID();
        const body = new URLSearchParams({ _csrf: token, submissionId, fft: 'good', good: 'Kind staff' });
        const started = performance.now();
        const response = await fetch(page, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body,
        }).catch(() => null);
        const took = performance.now() - started;
        if (response?.status === 303) {
          latencies.push(took);
          confirmed.push(submissionId);
        } else failures += 1;
        await response?.arrayBuffer().catch(() => null);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
    const elapsed = (performance.now() - started) / 1000;
    await app.close();
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query('select submission_id from survey_responses');
    await check.end();
    const found = new Set(rows.map((row: { submission_id: string }) => row.submission_id));
    const lost = confirmed.filter((id) => !found.has(id)).length;
    latencies.sort((a, b) => a - b);
    return {
      clients,
      seconds,
      submissionsPerSecond: confirmed.length / elapsed,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      confirmed: confirmed.length,
      failures,
      lost,
    };
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

export const describeSurveySubmissions = (figures: SurveySubmissionFigures) =>
  `PostgreSQL, ${figures.clients} clients, ${figures.seconds} s: ${figures.submissionsPerSecond.toFixed(1)} submissions/s, p50 ${Math.round(figures.p50Ms)} ms, p99 ${Math.round(figures.p99Ms)} ms, ${figures.confirmed} confirmed, ${figures.failures} failed, ${figures.lost} lost`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const option = (name: string, fallback: number) => {
    const index = process.argv.indexOf(name);
    return index >= 0 ? Number(process.argv[index + 1]) : fallback;
  };
  console.log(
    describeSurveySubmissions(
      await measureSurveySubmissions(option('--clients', 50), option('--seconds', 20)),
    ),
  );
}
