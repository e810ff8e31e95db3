import pg from 'pg';
import { openDatabase } from '#src/db/engine.ts';
import { reportsService } from '#src/domains/reports/service.ts';
const url = 'postgres://postgres@127.0.0.1:5432/heard_bench_reports_5y';
const orgId = 'd7fc07d8-2c1e-4cde-97bc-2d578be3ad47';
const handle = await openDatabase({ url, dataDir: '' });
const cold = reportsService({ db: handle.db, cacheSeconds: 0 });
const which = process.argv[2] ?? 'trust';
const seen: { text: string; ms: number }[] = [];
const proto = pg.Client.prototype as any;
const original = proto.query;
proto.query = function (...args: any[]) {
  const r = original.apply(this, args);
  const text = typeof args[0] === 'string' ? args[0] : args[0]?.text;
  if (r instanceof Promise && text) { const s = performance.now(); r.then(() => seen.push({ text: text.replace(/\s+/g, ' ').slice(0, 140), ms: performance.now() - s }), () => {}); }
  return r;
};
const work = async () => {
  if (which === 'trust') await cold.trustDashboard(orgId, '2017/18-Q2');
  else if (which === 'report') await cold.quarterlyReport(orgId, '2017/18-Q2');
  else await cold.unitDashboard({ orgId, unitScope: 'all' }, which, '2017/18-Q2');
};
await work();
seen.length = 0;
const started = performance.now();
await work();
const total = performance.now() - started;
const by = new Map<string, { n: number; ms: number }>();
for (const s of seen) { const e = by.get(s.text) ?? { n: 0, ms: 0 }; e.n++; e.ms += s.ms; by.set(s.text, e); }
console.log(which, 'total', total.toFixed(0), 'ms', seen.length, 'statements');
for (const [text, e] of [...by].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14)) console.log(e.n, e.ms.toFixed(0), text);
await handle.close();
