import type { SparseVector } from './features.ts';
import { seededRandom } from './linear.ts';

/**
 * Latent semantic analysis of the training comments: the top singular directions of their TF-IDF
 * matrix, found by a seeded randomised SVD (Halko, Martinsson and Tropp 2011). A comment's dense
 * coordinates are a linear projection of its sparse features, so a linear model trained on both folds
 * back into weights on the sparse features alone: prediction costs nothing more.
 */
export interface Projection {
  /** directions[k] is a featureCount-long unit vector. */
  directions: Float64Array[];
  /** The training rows' mean coordinate on each direction, taken off so the coordinates are centred. */
  centre: Float64Array;
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gram–Schmidt twice over, in place: the columns become orthonormal. */
function orthonormalise(columns: Float64Array[]): void {
  for (let pass = 0; pass < 2; pass += 1) {
    for (let a = 0; a < columns.length; a += 1) {
      const col = columns[a] as Float64Array;
      for (let b = 0; b < a; b += 1) {
        const other = columns[b] as Float64Array;
        let d = 0;
        for (let i = 0; i < col.length; i += 1) d += (col[i] as number) * (other[i] as number);
        for (let i = 0; i < col.length; i += 1) col[i] = (col[i] as number) - d * (other[i] as number);
      }
      let norm = 0;
      for (let i = 0; i < col.length; i += 1) norm += (col[i] as number) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < col.length; i += 1) col[i] = (col[i] as number) / norm;
    }
  }
}

/** X · v for each column v (featureCount long): rows-long columns. */
function times(rows: SparseVector[], columns: Float64Array[]): Float64Array[] {
  return columns.map((v) =>
    Float64Array.from(rows, (row) => {
      let s = 0;
      for (let k = 0; k < row.indices.length; k += 1)
        s += (v[row.indices[k] as number] as number) * (row.values[k] as number);
      return s;
    }),
  );
}

/** Xᵀ · u for each column u (rows long): featureCount-long columns. */
function timesTransposed(
  rows: SparseVector[],
  columns: Float64Array[],
  featureCount: number,
): Float64Array[] {
  return columns.map((u) => {
    const out = new Float64Array(featureCount);
    rows.forEach((row, i) => {
      const ui = u[i] as number;
      for (let k = 0; k < row.indices.length; k += 1) {
        const j = row.indices[k] as number;
        out[j] = (out[j] as number) + ui * (row.values[k] as number);
      }
    });
    return out;
  });
}

/** Eigenvectors of a small symmetric matrix by cyclic Jacobi rotations, largest eigenvalue first. */
function symmetricEigen(matrix: Float64Array[]): { values: number[]; vectors: Float64Array[] } {
  const n = matrix.length;
  const a = matrix.map((row) => Float64Array.from(row));
  const v = Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n);
    row[i] = 1;
    return row;
  });
  const at = (i: number, j: number) => (a[i] as Float64Array)[j] as number;
  for (let sweep = 0; sweep < 60; sweep += 1) {
    let off = 0;
    for (let i = 0; i < n; i += 1) for (let j = i + 1; j < n; j += 1) off += at(i, j) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p += 1) {
      for (let q = p + 1; q < n; q += 1) {
        const apq = at(p, q);
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (at(q, q) - at(p, p)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k += 1) {
          const akp = at(k, p);
          const akq = at(k, q);
          (a[k] as Float64Array)[p] = c * akp - s * akq;
          (a[k] as Float64Array)[q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k += 1) {
          const apk = at(p, k);
          const aqk = at(q, k);
          (a[p] as Float64Array)[k] = c * apk - s * aqk;
          (a[q] as Float64Array)[k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k += 1) {
          const vkp = (v[k] as Float64Array)[p] as number;
          const vkq = (v[k] as Float64Array)[q] as number;
          (v[k] as Float64Array)[p] = c * vkp - s * vkq;
          (v[k] as Float64Array)[q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => at(y, y) - at(x, x) || x - y);
  return {
    values: order.map((i) => at(i, i)),
    vectors: order.map((i) => Float64Array.from(v, (row) => row[i] as number)),
  };
}

/** The top `dimensions` right singular vectors of the rows' matrix. */
export function fitProjection(
  rows: SparseVector[],
  featureCount: number,
  dimensions: number,
  seed = 11,
): Projection {
  const random = seededRandom(seed);
  const width = dimensions + 10;
  let basis: Float64Array[] = Array.from({ length: width }, () =>
    Float64Array.from({ length: featureCount }, () => gaussian(random)),
  );
  let left = times(rows, basis);
  orthonormalise(left);
  for (let power = 0; power < 3; power += 1) {
    basis = timesTransposed(rows, left, featureCount);
    orthonormalise(basis);
    left = times(rows, basis);
    orthonormalise(left);
  }
  // B = Qᵀ X (width × features); the eigenvectors of B Bᵀ give B's right singular vectors.
  const b = timesTransposed(rows, left, featureCount);
  const gram = b.map((x) =>
    Float64Array.from(b, (y) => {
      let s = 0;
      for (let j = 0; j < featureCount; j += 1) s += (x[j] as number) * (y[j] as number);
      return s;
    }),
  );
  const { values, vectors } = symmetricEigen(gram);
  const directions = vectors.slice(0, dimensions).map((u, k) => {
    const d = new Float64Array(featureCount);
    const sigma = Math.sqrt(Math.max(values[k] as number, 1e-300));
    u.forEach((weight, r) => {
      const row = b[r] as Float64Array;
      for (let j = 0; j < featureCount; j += 1)
        d[j] = (d[j] as number) + (weight * (row[j] as number)) / sigma;
    });
    return d;
  });
  const centre = Float64Array.from(directions, (d) => {
    let s = 0;
    for (const row of rows)
      for (let t = 0; t < row.indices.length; t += 1)
        s += (d[row.indices[t] as number] as number) * (row.values[t] as number);
    return s / Math.max(1, rows.length);
  });
  return { directions, centre };
}

/** The row with its `scale`-weighted dense coordinates appended as features featureCount, featureCount+1, … */
export function withCoordinates(
  row: SparseVector,
  projection: Projection,
  featureCount: number,
  scale: number,
): SparseVector {
  const k = projection.directions.length;
  const indices = new Int32Array(row.indices.length + k);
  const values = new Float32Array(row.values.length + k);
  indices.set(row.indices);
  values.set(row.values);
  projection.directions.forEach((d, c) => {
    let s = 0;
    for (let t = 0; t < row.indices.length; t += 1)
      s += (d[row.indices[t] as number] as number) * (row.values[t] as number);
    indices[row.indices.length + c] = featureCount + c;
    values[row.values.length + c] = scale * (s - (projection.centre[c] as number));
  });
  return { indices, values };
}

/** A model on [features, coordinates] folded back into one on the features alone. */
export function foldBack(
  model: { weights: Float32Array; bias: number },
  projection: Projection,
  featureCount: number,
  scale: number,
): { weights: Float32Array; bias: number } {
  const out = Float64Array.from(model.weights.subarray(0, featureCount));
  let bias = model.bias;
  projection.directions.forEach((d, c) => {
    const v = scale * (model.weights[featureCount + c] as number);
    if (v === 0) return;
    bias -= v * (projection.centre[c] as number);
    for (let j = 0; j < featureCount; j += 1) out[j] = (out[j] as number) + v * (d[j] as number);
  });
  return { weights: Float32Array.from(out), bias };
}
