/**
 * Finding a term's feature without building its string: two 32-bit hashes of the prefixed term
 * ("c:" + n-gram) computed character by character, looked up in an open-addressed table. Prediction
 * spends most of its time here (hundreds of n-grams per comment), so this is what makes thousands of
 * comments a second on one core possible. Two independent hashes make a false match between an unseen
 * n-gram and a known term vanishingly unlikely (about 1 in 10^14 per look-up).
 */
export interface TermHashes {
  a: number;
  b: number;
}

export const hashStart: TermHashes = { a: 0x811c9dc5, b: 0x9747b28c };

/** FNV-1a for one hash, a multiply-xorshift mix for the other. */
export function stepA(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193) >>> 0;
}
export function stepB(hash: number, code: number): number {
  const mixed = Math.imul((hash + code) | 0, 0x5bd1e995);
  return (mixed ^ (mixed >>> 15)) >>> 0;
}

export function hashText(start: TermHashes, text: string): TermHashes {
  let { a, b } = start;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    a = stepA(a, code);
    b = stepB(b, code);
  }
  return { a, b };
}

export class TermTable {
  private readonly keysA: Uint32Array;
  private readonly keysB: Uint32Array;
  private readonly features: Int32Array;
  private readonly mask: number;

  constructor(terms: Iterable<[string, number]>, size: number) {
    let capacity = 1024;
    while (capacity < size * 4) capacity *= 2;
    this.mask = capacity - 1;
    this.keysA = new Uint32Array(capacity);
    this.keysB = new Uint32Array(capacity);
    this.features = new Int32Array(capacity).fill(-1);
    for (const [term, feature] of terms) {
      const { a, b } = hashText(hashStart, term);
      let slot = a & this.mask;
      while (this.features[slot] !== -1 && !(this.keysA[slot] === a && this.keysB[slot] === b)) {
        slot = (slot + 1) & this.mask;
      }
      this.keysA[slot] = a;
      this.keysB[slot] = b;
      this.features[slot] = feature;
    }
  }

  /** The feature of the term with these hashes, or −1. */
  find(a: number, b: number): number {
    let slot = a & this.mask;
    for (;;) {
      const feature = this.features[slot] as number;
      if (feature === -1) return -1;
      if (this.keysA[slot] === a && this.keysB[slot] === b) return feature;
      slot = (slot + 1) & this.mask;
    }
  }
}
