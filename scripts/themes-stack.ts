// A second stage on the cached margins (scripts/themes-cache.ts): for each theme, a ridge logistic
// regression on every theme's first-stage margin (label co-occurrence), the question kind and FFT score.
// Trained on the training part's inner-fold margins; its cut-off chosen on its own inner-fold
// predictions; scored on the held-out comments' margins from the models fitted on the whole part.
//   npx tsx scripts/themes-stack.ts /tmp/themes-cache '{"lambda":1}'
import { readFileSync } from 'node:fs';
import { questionKind } from '#src/domains/comments/features.ts';
import { bestThreshold, sigmoid } from '#src/domains/comments/training.ts';
import { readLabelledComments, readThemeLabels } from '#src/domains/comments/training-data.ts';

const cacheDir = process.argv[2] ?? '/tmp/themes-cache';
const config = { lambda: 1, blend: 0.5, meta: true, mix: 0, ...JSON.parse(process.argv[3] ?? '{}') };
const folder = process.env.THEMES_DATA ?? '../shared/data/themes';
const comments = readLabelledComments(`${folder}/train.jsonl`);
const labels = readThemeLabels(`${folder}/labels.json`);
const L = labels.length;
const kinds = ['none', 'either', 'improve', 'good', 'why', 'other'];

/** Ridge logistic regression by Newton's method; column 0 is the unpenalised bias. */
function fitLogistic(x: Float64Array[], y: boolean[], lambda: number): Float64Array<ArrayBuffer> {
  const d = (x[0] as Float64Array).length;
  const w = new Float64Array(d);
  for (let it = 0; it < 30; it += 1) {
    const g = new Float64Array(d);
    const h = Array.from({ length: d }, () => new Float64Array(d));
    x.forEach((row, i) => {
      let z = 0;
      for (let a = 0; a < d; a += 1) z += (w[a] as number) * (row[a] as number);
      const p = sigmoid(z);
      const r = p - (y[i] ? 1 : 0);
      const v = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < d; a += 1) {
        g[a] = (g[a] as number) + r * (row[a] as number);
        const ha = h[a] as Float64Array;
        const ra = (row[a] as number) * v;
        for (let b = 0; b <= a; b += 1) ha[b] = (ha[b] as number) + ra * (row[b] as number);
      }
    });
    for (let a = 0; a < d; a += 1) {
      const ha = h[a] as Float64Array;
      for (let b = 0; b < a; b += 1) (h[b] as Float64Array)[a] = ha[b] as number;
      if (a > 0) {
        ha[a] = (ha[a] as number) + lambda;
        g[a] = (g[a] as number) + lambda * (w[a] as number);
      }
      ha[a] = (ha[a] as number) + 1e-9;
    }
    const step = solve(h, g);
    let size = 0;
    for (let a = 0; a < d; a += 1) {
      w[a] = (w[a] as number) - (step[a] as number);
      size += Math.abs(step[a] as number);
    }
    if (size < 1e-8) break;
  }
  return w;
}

function solve(h: Float64Array[], g: Float64Array): Float64Array<ArrayBuffer> {
  const n = g.length;
  const a = h.map((row, i) => {
    const r = new Float64Array(n + 1);
    r.set(row);
    r[n] = g[i] as number;
    return r;
  });
  for (let c = 0; c < n; c += 1) {
    let pivot = c;
    for (let r = c + 1; r < n; r += 1)
      if (Math.abs((a[r] as Float64Array)[c] as number) > Math.abs((a[pivot] as Float64Array)[c] as number))
        pivot = r;
    const swap = a[c] as Float64Array<ArrayBuffer>;
    a[c] = a[pivot] as Float64Array<ArrayBuffer>;
    a[pivot] = swap;
    const rc = a[c] as Float64Array;
    for (let r = 0; r < n; r += 1) {
      if (r === c) continue;
      const rr = a[r] as Float64Array;
      const f = (rr[c] as number) / (rc[c] as number);
      if (f === 0) continue;
      for (let k = c; k <= n; k += 1) rr[k] = (rr[k] as number) - f * (rc[k] as number);
    }
  }
  return Float64Array.from(a, (row, i) => (row[n] as number) / (row[i] as number));
}

const dot = (w: Float64Array, x: Float64Array) => {
  let s = 0;
  for (let a = 0; a < w.length; a += 1) s += (w[a] as number) * (x[a] as number);
  return s;
};

const outer = { tp: new Float64Array(L), fp: new Float64Array(L), fn: new Float64Array(L) };
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

for (let fold = 0; fold < 5; fold += 1) {
  const cache = JSON.parse(readFileSync(`${cacheDir}/fold${fold}.json`, 'utf8'));
  const train = cache.trainIndex.map((i: number) => comments[i]);
  const test = cache.testIndex.map((i: number) => comments[i]);
  const b = config.blend as number;
  const marginsOf = (rowsCount: number, inner: boolean) =>
    Array.from({ length: rowsCount }, (_, r) =>
      Float64Array.from(
        cache.themes,
        (t: {
          cueOnly: boolean;
          test: number[];
          innerPlain: number[];
          innerNb: number[];
          testPlain: number[];
          testNb: number[];
        }) =>
          t.cueOnly
            ? inner
              ? -1
              : (t.test[r] as number)
            : inner
              ? b * (t.innerPlain[r] as number) + (1 - b) * (t.innerNb[r] as number)
              : b * (t.testPlain[r] as number) + (1 - b) * (t.testNb[r] as number),
      ),
    );
  const innerM = marginsOf(train.length, true);
  const testM = marginsOf(test.length, false);
  const features = (m: Float64Array, c: (typeof comments)[number]) => {
    const x = [1, ...m];
    if (config.meta) {
      const kind = questionKind(c.question);
      for (const k of kinds) x.push(kind === k ? 1 : 0);
      for (let s = 1; s <= 5; s += 1) x.push(c.fftScore === s ? 1 : 0);
    }
    return Float64Array.from(x);
  };
  const innerX = innerM.map((m, r) => features(m, train[r]));
  const testX = testM.map((m, r) => features(m, test[r]));
  const innerFold: number[] = cache.innerFold;
  const folds = Math.max(...innerFold) + 1;
  const oofP = labels.map(() => new Float64Array(train.length));
  const testP = labels.map(() => new Float64Array(test.length));
  labels.forEach((label, l) => {
    const y = train.map((c: (typeof comments)[number]) => c.labels.includes(label));
    if (cache.themes[l].cueOnly || y.filter(Boolean).length < 2) {
      // Left to its first stage: the cue, or never.
      for (let r = 0; r < test.length; r += 1)
        (testP[l] as Float64Array)[r] = sigmoid(2 * (testM[r]?.[l] as number));
      for (let r = 0; r < train.length; r += 1) (oofP[l] as Float64Array)[r] = 0;
      return;
    }
    for (let j = 0; j < folds; j += 1) {
      const fit = innerFold.map((f, i) => (f !== j ? i : -1)).filter((i) => i >= 0);
      const w = fitLogistic(
        fit.map((i) => innerX[i] as Float64Array),
        fit.map((i) => y[i] as boolean),
        config.lambda,
      );
      innerFold.forEach((f, i) => {
        if (f === j) (oofP[l] as Float64Array)[i] = sigmoid(dot(w, innerX[i] as Float64Array));
      });
    }
    const w = fitLogistic(innerX, y, config.lambda);
    testX.forEach((x, r) => {
      (testP[l] as Float64Array)[r] = sigmoid(dot(w, x));
    });
  });
  // One shared cut-off from the second stage's inner-fold predictions.
  const allP: number[] = [];
  const allT: boolean[] = [];
  labels.forEach((label, l) => {
    if (cache.themes[l].cueOnly) return;
    train.forEach((c: (typeof comments)[number], r: number) => {
      allP.push((oofP[l] as Float64Array)[r] as number);
      allT.push(c.labels.includes(label));
    });
  });
  const shared = bestThreshold(allP, allT);
  test.forEach((c: (typeof comments)[number], r: number) => {
    const cuts = labels.map((_, l) => (cache.themes[l].cueOnly ? 0.5 : shared));
    const p = labels.map((_, l) => (testP[l] as Float64Array)[r] as number);
    const chosen = p.map((x, l) => x >= (cuts[l] as number));
    if (!chosen.some(Boolean)) {
      let best = 0;
      p.forEach((x, l) => {
        if (x / (cuts[l] as number) > (p[best] as number) / (cuts[best] as number)) best = l;
      });
      chosen[best] = true;
    }
    labels.forEach((label, l) => {
      const t = c.labels.includes(label);
      const counts = chosen[l] && t ? outer.tp : chosen[l] ? outer.fp : t ? outer.fn : undefined;
      if (counts) counts[l] = (counts[l] as number) + 1;
    });
  });
  process.stderr.write(`fold ${fold} shared ${shared.toFixed(3)}\n`);
}
const micro = (2 * sum(outer.tp)) / (2 * sum(outer.tp) + sum(outer.fp) + sum(outer.fn));
const perLabel = labels.map((_, l) => {
  const tp = outer.tp[l] as number;
  return (2 * tp) / Math.max(1, 2 * tp + (outer.fp[l] as number) + (outer.fn[l] as number));
});
if (process.env.PER_LABEL) {
  labels.forEach((label, l) => {
    console.log(`${perLabel[l]?.toFixed(3)} ${label}`);
  });
}
console.log(
  `${process.argv[3] ?? '{}'} stack micro ${micro.toFixed(4)} macro ${(sum(perLabel) / L).toFixed(4)}`,
);
