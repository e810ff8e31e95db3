// Run in its own process by bench/themes.ts, so that its memory and load time are the model's alone.
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { codeComment, loadModel, modelFileUrl } from '#src/domains/comments/model.ts';
import { sampleComments } from '#src/domains/comments/sample-comments.ts';

const count = Number(process.argv[2] ?? 20_000);
const comments = sampleComments(count + 2_000, 7).map((c) => ({
  text: c.text,
  question: c.question,
  fftScore: c.fft_score,
}));
const rssBefore = process.memoryUsage().rss;
const loadStarted = performance.now();
const model = loadModel(modelFileUrl);
const loadMs = performance.now() - loadStarted;
for (const comment of comments.slice(0, 2_000)) codeComment(model, comment);
const started = performance.now();
const cpuBefore = process.cpuUsage();
let labels = 0;
for (const comment of comments.slice(2_000)) labels += codeComment(model, comment).labels.length;
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(
  JSON.stringify({
    commentsPerSecond: count / seconds,
    // On a shared machine the wall clock counts time other processes had the core; CPU time does not.
    commentsPerCpuSecond: count / cpuSeconds,
    loadMs,
    modelBytes: statSync(modelFileUrl).size,
    rssMb: process.memoryUsage().rss / 1024 / 1024,
    modelRssMb: (process.memoryUsage().rss - rssBefore) / 1024 / 1024,
    labelsPerComment: labels / count,
  }),
);
