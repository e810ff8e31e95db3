import { describe, expect, it } from 'vitest';
import { acceptanceRate, applyChange, type CodingChange } from './coding.ts';

const labels = ['Staff manner & personal attributes', 'Timeliness of care', 'Parking'];
const coding = { themes: ['Timeliness of care'], sentiment: 4 };

describe('a member of staff corrects a comment’s coding', () => {
  it.each<[CodingChange, unknown]>([
    [
      { kind: 'add-theme', theme: 'Staff manner & personal attributes' },
      { themes: ['Staff manner & personal attributes', 'Timeliness of care'], sentiment: 4 },
    ],
    [
      { kind: 'remove-theme', theme: 'Timeliness of care' },
      { themes: [], sentiment: 4 },
    ],
    [
      { kind: 'change-sentiment', sentiment: 5 },
      { themes: ['Timeliness of care'], sentiment: 5 },
    ],
    [{ kind: 'add-theme', theme: 'Car wash' }, { problem: 'Choose a theme from the list' }],
    [{ kind: 'add-theme', theme: 'Timeliness of care' }, { problem: 'The comment already has that theme' }],
    [{ kind: 'remove-theme', theme: 'Parking' }, { problem: 'The comment does not have that theme' }],
    [
      { kind: 'change-sentiment', sentiment: 6 },
      { problem: 'Choose a sentiment from 1 (very positive) to 5 (very negative)' },
    ],
    [{ kind: 'change-sentiment', sentiment: 4 }, { problem: 'The comment already has that sentiment' }],
  ])('%o', (change, expected) => {
    expect(applyChange(coding, change, labels)).toEqual(expected);
  });
});

describe('how often staff accept the model’s coding', () => {
  it.each([
    [{ coded: 0, corrected: 0 }, null],
    [{ coded: 10, corrected: 0 }, 1],
    [{ coded: 10, corrected: 3 }, 0.7],
  ])('%o', (counts, rate) => {
    expect(acceptanceRate(counts)).toBe(rate);
  });
});
