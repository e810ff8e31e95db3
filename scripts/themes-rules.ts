// Compares decision rules on the margins cached by scripts/themes-cache.ts. Every choice (blend of the
// plain SVM and NB-SVM, cut-off shrinkage, ratio rules) is made inside each outer fold's training
// part: calibrated and cut on two inner folds' out-of-fold margins, scored on the third.
//   npx tsx scripts/themes-rules.ts /tmp/themes-cache '{"shrink":[0,20,50,100,200,400,1e9]}'
import { readFileSync } from 'node:fs';
import { bestThreshold, fitPlatt, sigmoid } from '#src/domains/comments/training.ts';
import { readLabelledComments, readThemeLabels } from '#src/domains/comments/training-data.ts';

const cacheDir = process.argv[2] ?? '/tmp/themes-cache';
const config = {
  blends: [0.5],
  /** How each theme's blend is chosen: 'fixed' (blends[0]), 'f1' (nested own-cut-off F1), 'loss'. */
  blendBy: 'fixed' as 'fixed' | 'f1' | 'loss' | 'global',
  shrink: [1e12],
  /** Drop a theme whose probability is below rho × the comment's highest one. */
  rho: [0],
  /** Also take a theme whose probability / cut-off ratio is at least tau × the top theme's ratio. */
  tau: [1e9],
  objective: 'sum' as 'sum' | 'micro' | 'macro',
  thirds: [0.2],
  ...JSON.parse(process.argv[3] ?? '{}'),
};
const folder = process.env.THEMES_DATA ?? '../shared/data/themes';
const comments = readLabelledComments(`${folder}/train.jsonl`);
const labels = readThemeLabels(`${folder}/labels.json`);
const L = labels.length;

interface CachedTheme {
  label: string;
  cueOnly: boolean;
  test?: number[];
  innerPlain?: number[];
  innerNb?: number[];
  testPlain?: number[];
  testNb?: number[];
  innerThird?: number[];
  testThird?: number[];
}
interface Cache {
  fold: number;
  trainIndex: number[];
  testIndex: number[];
  innerFold: number[];
  themes: CachedTheme[];
}

type Counts = { tp: Float64Array; fp: Float64Array; fn: Float64Array };
const newCounts = (): Counts => ({
  tp: new Float64Array(L),
  fp: new Float64Array(L),
  fn: new Float64Array(L),
});
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);
function scores(c: Counts): { micro: number; macro: number } {
  const micro = (2 * sum(c.tp)) / (2 * sum(c.tp) + sum(c.fp) + sum(c.fn));
  let macro = 0;
  for (let l = 0; l < L; l += 1) {
    const d = 2 * (c.tp[l] as number) + (c.fp[l] as number) + (c.fn[l] as number);
    macro += d === 0 ? 0 : (2 * (c.tp[l] as number)) / d;
  }
  return { micro, macro: macro / L };
}
function objective(c: Counts): number {
  const s = scores(c);
  return config.objective === 'micro' ? s.micro : config.objective === 'macro' ? s.macro : s.micro + s.macro;
}

interface Rule {
  k: number;
  rho: number;
  tau: number;
}
const candidates: Rule[] = [];
for (const k of config.shrink)
  for (const rho of config.rho) for (const tau of config.tau) candidates.push({ k, rho, tau });

/** probabilities[l][r], truth[l][r]; cut-offs per theme; writes counts. */
function decide(
  probs: Float64Array[],
  cuts: number[],
  rule: Rule,
  rowCount: number,
  truth: (l: number, r: number) => boolean,
  counts: Counts,
): void {
  const chosen = new Uint8Array(L);
  for (let r = 0; r < rowCount; r += 1) {
    let top = 0;
    let topRatio = -1;
    let topP = 0;
    for (let l = 0; l < L; l += 1) {
      const p = probs[l]?.[r] as number;
      const ratio = p / (cuts[l] as number);
      if (ratio > topRatio) {
        topRatio = ratio;
        top = l;
      }
      if (p > topP) topP = p;
    }
    let any = false;
    for (let l = 0; l < L; l += 1) {
      const p = probs[l]?.[r] as number;
      const ratio = p / (cuts[l] as number);
      const take = (ratio >= 1 && p >= rule.rho * topP) || ratio >= rule.tau * topRatio;
      chosen[l] = take ? 1 : 0;
      if (take) any = true;
    }
    if (!any) chosen[top] = 1;
    for (let l = 0; l < L; l += 1) {
      const t = truth(l, r);
      if (chosen[l] && t) counts.tp[l] = (counts.tp[l] as number) + 1;
      else if (chosen[l]) counts.fp[l] = (counts.fp[l] as number) + 1;
      else if (t) counts.fn[l] = (counts.fn[l] as number) + 1;
    }
  }
}

const cuePlatt = { scale: 2, shift: 0 };
function cutsFor(
  own: number[],
  shared: number,
  positives: number[],
  cueOnly: boolean[],
  k: number,
): number[] {
  return own.map((o, l) => {
    if (cueOnly[l]) return 0.5;
    const n = positives[l] as number;
    return k >= 1e12 ? shared : (n * o + k * shared) / (n + k);
  });
}

/** Fits calibration and cut-offs on rows `fit`, returns them with probabilities for rows `apply`. */
function calibrateAndCut(
  margins: (l: number, r: number) => number,
  cueOnly: boolean[],
  targets: boolean[][],
  fit: number[],
  applyMargins: (l: number, r: number) => number,
  applyCount: number,
) {
  const probs: Float64Array[] = [];
  const own: number[] = [];
  const positives: number[] = [];
  const allP: number[] = [];
  const allT: boolean[] = [];
  for (let l = 0; l < L; l += 1) {
    if (cueOnly[l]) {
      probs.push(
        Float64Array.from({ length: applyCount }, (_, r) => sigmoid(cuePlatt.scale * applyMargins(l, r))),
      );
      own.push(0.5);
      positives.push(0);
      continue;
    }
    const m = fit.map((r) => margins(l, r));
    const t = fit.map((r) => targets[l]?.[r] as boolean);
    const { scale, shift } = fitPlatt(m, t);
    const p = m.map((x) => sigmoid(scale * x + shift));
    own.push(bestThreshold(p, t));
    positives.push(t.filter(Boolean).length);
    for (let i = 0; i < p.length; i += 1) {
      allP.push(p[i] as number);
      allT.push(t[i] as boolean);
    }
    probs.push(
      Float64Array.from({ length: applyCount }, (_, r) => sigmoid(scale * applyMargins(l, r) + shift)),
    );
  }
  const shared = bestThreshold(allP, allT);
  return { probs, own, positives, shared };
}

const outer = newCounts();
let chosenThird = 0;
const chosenLog: string[] = [];
const foldList = (process.env.FOLDS ?? '0,1,2,3,4').split(',').map(Number);
for (const fold of foldList) {
  const cache = JSON.parse(readFileSync(`${cacheDir}/fold${fold}.json`, 'utf8')) as Cache;
  if (process.env.THIRD_FROM) {
    // A third member: the plain margins of another cache, weighted `third` in the mean.
    const other = JSON.parse(readFileSync(`${process.env.THIRD_FROM}/fold${fold}.json`, 'utf8')) as Cache;
    cache.themes.forEach((t, l) => {
      const o = other.themes[l] as CachedTheme;
      if (t.cueOnly) return;
      t.innerThird = o.innerPlain;
      t.testThird = o.testPlain;
    });
  }
  if (process.env.PLAIN_FROM) {
    // The plain SVM's margins from another cache (the same folds), the NB-SVM's from this one.
    const other = JSON.parse(readFileSync(`${process.env.PLAIN_FROM}/fold${fold}.json`, 'utf8')) as Cache;
    cache.themes.forEach((t, l) => {
      const o = other.themes[l] as CachedTheme;
      if (!t.cueOnly) {
        t.innerPlain = o.innerPlain;
        t.testPlain = o.testPlain;
      }
    });
  }
  const train = cache.trainIndex.map((i) => comments[i] as (typeof comments)[number]);
  const test = cache.testIndex.map((i) => comments[i] as (typeof comments)[number]);
  const targets = labels.map((label) => train.map((c) => c.labels.includes(label)));
  const testTruth = labels.map((label) => test.map((c) => c.labels.includes(label)));
  const cueOnly = cache.themes.map((t) => t.cueOnly);
  const n = train.length;
  // For cue-only themes, inner "margins" are the test-style cue margins of training rows: not cached,
  // so such themes are scored in the inner folds as never chosen (they are ≤ 4 examples).
  const innerMargin = (a: number[]) => (l: number, r: number) => {
    const t = cache.themes[l] as CachedTheme;
    if (t.cueOnly) return -1;
    const two =
      (a[l] as number) * (t.innerPlain?.[r] as number) + (1 - (a[l] as number)) * (t.innerNb?.[r] as number);
    return t.innerThird ? (1 - third) * two + third * (t.innerThird[r] as number) : two;
  };
  const testMargin = (a: number[]) => (l: number, r: number) => {
    const t = cache.themes[l] as CachedTheme;
    if (t.cueOnly) return t.test?.[r] as number;
    const two =
      (a[l] as number) * (t.testPlain?.[r] as number) + (1 - (a[l] as number)) * (t.testNb?.[r] as number);
    return t.testThird ? (1 - third) * two + third * (t.testThird[r] as number) : two;
  };
  const innerRows = (j: number) => cache.innerFold.map((f, i) => (f === j ? i : -1)).filter((i) => i >= 0);
  const innerFolds = Math.max(...cache.innerFold) + 1;

  /** Nested evaluation of blend vector a and every candidate rule: counts per candidate. */
  function nested(a: number[]): Counts[] {
    const counts = candidates.map(newCounts);
    for (let j = 0; j < innerFolds; j += 1) {
      const fit = cache.innerFold.map((f, i) => (f !== j ? i : -1)).filter((i) => i >= 0);
      const evalRows = innerRows(j);
      const m = innerMargin(a);
      const c = calibrateAndCut(
        m,
        cueOnly,
        targets,
        fit,
        (l, r) => m(l, evalRows[r] as number),
        evalRows.length,
      );
      candidates.forEach((rule, ci) => {
        const cuts = cutsFor(c.own, c.shared, c.positives, cueOnly, rule.k);
        decide(
          c.probs,
          cuts,
          rule,
          evalRows.length,
          (l, r) => targets[l]?.[evalRows[r] as number] as boolean,
          counts[ci] as Counts,
        );
      });
    }
    return counts;
  }

  // 0. The third member's weight, by nested inner-fold score.
  let third = (config.thirds as number[])[0] as number;
  if ((config.thirds as number[]).length > 1) {
    let bestThird = -1;
    for (const w of config.thirds as number[]) {
      third = w;
      const score = Math.max(...nested(labels.map(() => config.blends[0] as number)).map(objective));
      if (score > bestThird + 1e-12) {
        bestThird = score;
        chosenThird = w;
      }
    }
    third = chosenThird;
  }
  // 1. The blend of each theme.
  let a = labels.map(() => config.blends[0] as number);
  if (config.blendBy === 'global') {
    let best = -1;
    for (const b of config.blends as number[]) {
      const counts = nested(labels.map(() => b));
      const score = Math.max(...counts.map(objective));
      if (score > best) {
        best = score;
        a = labels.map(() => b);
      }
    }
  } else if (config.blendBy === 'f1' || config.blendBy === 'loss') {
    a = labels.map((_, l) => {
      if (cueOnly[l]) return 0.5;
      let bestBlend = 0.5;
      let bestScore = -Infinity;
      for (const b of config.blends as number[]) {
        const t = cache.themes[l] as CachedTheme;
        const m = (r: number) => b * (t.innerPlain?.[r] as number) + (1 - b) * (t.innerNb?.[r] as number);
        let score = 0;
        if (config.blendBy === 'loss') {
          // Inner-fold log-loss after Platt scaling fitted on the other inner folds.
          for (let j = 0; j < innerFolds; j += 1) {
            const fit = cache.innerFold.map((f, i) => (f !== j ? i : -1)).filter((i) => i >= 0);
            const { scale, shift } = fitPlatt(
              fit.map(m),
              fit.map((r) => targets[l]?.[r] as boolean),
            );
            for (const r of innerRows(j)) {
              const p = Math.min(1 - 1e-9, Math.max(1e-9, sigmoid(scale * m(r) + shift)));
              score += targets[l]?.[r] ? Math.log(p) : Math.log(1 - p);
            }
          }
        } else {
          let tp = 0;
          let fp = 0;
          let fn = 0;
          for (let j = 0; j < innerFolds; j += 1) {
            const fit = cache.innerFold.map((f, i) => (f !== j ? i : -1)).filter((i) => i >= 0);
            const { scale, shift } = fitPlatt(
              fit.map(m),
              fit.map((r) => targets[l]?.[r] as boolean),
            );
            const cut = bestThreshold(
              fit.map((r) => sigmoid(scale * m(r) + shift)),
              fit.map((r) => targets[l]?.[r] as boolean),
            );
            for (const r of innerRows(j)) {
              const chosen = sigmoid(scale * m(r) + shift) >= cut;
              const truth = targets[l]?.[r] as boolean;
              if (chosen && truth) tp += 1;
              else if (chosen) fp += 1;
              else if (truth) fn += 1;
            }
          }
          score = (2 * tp) / Math.max(1, 2 * tp + fp + fn);
        }
        if (score > bestScore + 1e-12) {
          bestScore = score;
          bestBlend = b;
        }
      }
      return bestBlend;
    });
  }
  // 2. The rule, by nested inner-fold score.
  const counts = nested(a);
  let best = 0;
  counts.forEach((c, ci) => {
    if (objective(c) > objective(counts[best] as Counts) + 1e-12) best = ci;
  });
  const rule = candidates[best] as Rule;
  // 3. Calibrate and cut on all inner-fold margins, apply to the held-out comments.
  const all = Array.from({ length: n }, (_, i) => i);
  const c = calibrateAndCut(innerMargin(a), cueOnly, targets, all, testMargin(a), test.length);
  const cuts = cutsFor(c.own, c.shared, c.positives, cueOnly, rule.k);
  decide(c.probs, cuts, rule, test.length, (l, r) => testTruth[l]?.[r] as boolean, outer);
  const inner = scores(counts[best] as Counts);
  chosenLog.push(
    `fold ${fold}: third=${third} k=${rule.k} rho=${rule.rho} tau=${rule.tau} blends=${[...new Set(a)].map((b) => `${b}×${a.filter((x) => x === b).length}`).join(',')} inner micro ${inner.micro.toFixed(4)} macro ${inner.macro.toFixed(4)}`,
  );
}
const s = scores(outer);
if (process.env.VERBOSE) console.log(chosenLog.join('\n'));
if (process.env.PER_LABEL)
  labels.forEach((label, l) => {
    const d = 2 * (outer.tp[l] as number) + (outer.fp[l] as number) + (outer.fn[l] as number);
    console.log(`${((2 * (outer.tp[l] as number)) / Math.max(1, d)).toFixed(3)} ${label}`);
  });
console.log(`${process.argv[3] ?? '{}'}  micro ${s.micro.toFixed(4)} macro ${s.macro.toFixed(4)}`);
