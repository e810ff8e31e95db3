import { describe, expect, it } from 'vitest';
import type { FeedbackKind } from './kinds-and-channels.ts';
import { recordReference, referencePrefixes } from './references.ts';

describe('recordReference: a letter for the kind, the year received and a number counted per year', () => {
  it.each<[FeedbackKind, number, number, string]>([
    ['complaint', 2017, 42, 'C-2017-00042'],
    ['concern', 2017, 1, 'P-2017-00001'],
    ['compliment', 2021, 449, 'T-2021-00449'],
    ['comment', 2022, 12, 'S-2022-00012'],
    ['enquiry', 2023, 79, 'E-2023-00079'],
    ['mp-enquiry', 2024, 3, 'M-2024-00003'],
    ['compliment', 2024, 123456, 'T-2024-123456'],
  ])('the %s numbered %i in %i is %s', (kind, year, sequence, expected) => {
    expect(recordReference(kind, year, sequence)).toBe(expected);
  });

  it('gives every kind its own letter, so that no two kinds share a reference', () => {
    const letters = Object.values(referencePrefixes);
    expect(new Set(letters).size).toBe(letters.length);
  });

  it.each([
    [2017, 0],
    [2017, 1.5],
    [17, 1],
  ])('refuses year %i with number %i', (year, sequence) => {
    expect(() => recordReference('complaint', year, sequence)).toThrow(RangeError);
  });
});
