import { describe, expect, it } from 'vitest';
import { type AssuranceRule, assurance, assuranceRules, proposeAssurance } from './assurance.ts';

// DESIGN.md §2: assurance levels full, significant, limited, negative, each a judgement recorded
// with its reason. Issue 8: proposed by configurable rules (for example full when a target is met
// in each of the last 3 quarters), overridable by an officer with a reason.

const rule = (overrides: Partial<AssuranceRule> = {}): AssuranceRule => ({
  name: 'Closed within the agreed timescale',
  target: 90,
  improvement: 'up',
  fullWhenMetInLast: 3,
  limitedMargin: 10,
  withoutTarget: 'significant',
  ...overrides,
});

describe('proposeAssurance', () => {
  it.each<[string, AssuranceRule, (number | null)[], string, string]>([
    [
      'met in each of the last 3 quarters',
      rule(),
      [91, 95, 93],
      'full',
      'The target of 90% was met in each of the last 3 quarters',
    ],
    [
      'met this quarter only (the seed report: 93% after 81%)',
      rule(),
      [70, 81, 93],
      'significant',
      'The target of 90% was met this quarter',
    ],
    [
      'met this quarter, but only 2 quarters of history',
      rule(),
      [95, 93],
      'significant',
      'The target of 90% was met this quarter',
    ],
    [
      'missed by 9, within the margin',
      rule(),
      [95, 95, 81],
      'limited',
      'The target of 90% was missed by 9%, within 10%',
    ],
    ['missed by 20', rule(), [95, 95, 70], 'negative', 'The target of 90% was missed by 20%'],
    [
      'acknowledged 100% three quarters running',
      rule({ target: 100 }),
      [100, 100, 100],
      'full',
      'The target of 100% was met in each of the last 3 quarters',
    ],
    [
      'lower is better, at or under the target',
      rule({ improvement: 'down', target: 5 }),
      [4, 5, 3],
      'full',
      'The target of 5% was met in each of the last 3 quarters',
    ],
    [
      'lower is better, over it',
      rule({ improvement: 'down', target: 5 }),
      [4, 5, 30],
      'negative',
      'The target of 5% was missed by 25%',
    ],
    [
      'no figure this quarter',
      rule(),
      [95, 95, null],
      'limited',
      'No figure this quarter to judge against the target',
    ],
    [
      'no target',
      rule({ target: null }),
      [3, 4, 5],
      'significant',
      'No target is set: the level the rules give until an officer judges it',
    ],
    [
      'no target, the trust’s default changed',
      rule({ target: null, withoutTarget: 'limited' }),
      [3],
      'limited',
      'No target is set: the level the rules give until an officer judges it',
    ],
  ])('%s', (_, measureRule, history, level, reason) => {
    expect(proposeAssurance(measureRule, history, '%')).toEqual({ level, reason });
  });
});

describe('assurance: an officer’s override stands over the rule, and the report says which', () => {
  const proposed = { level: 'significant' as const, reason: 'The target of 90% was met this quarter' };
  it('shows the rule’s level without an override', () => {
    expect(assurance(proposed, null)).toEqual({
      level: 'significant',
      source: 'rule',
      proposed,
      override: null,
    });
  });
  it('shows the officer’s level with their reason', () => {
    const override = {
      level: 'limited' as const,
      reason: 'One team had 3 overdue',
      decidedBy: 'A Officer',
      decidedAt: '2017-10-05T10:00:00Z',
    };
    expect(assurance(proposed, override)).toEqual({
      level: 'limited',
      source: 'officer',
      proposed,
      override,
    });
  });
});

describe('the shipped rules in reference/assurance-rules.json', () => {
  it('are read and give every measure of the report a rule', () => {
    expect(Object.keys(assuranceRules())).toEqual([
      'complaints-received',
      'acknowledged-within-3-working-days',
      'closed-within-agreed-timescale',
      'concerns-escalated',
      'reopened',
      'local-resolution-meetings',
      'phso-referrals',
    ]);
    expect(assuranceRules()['acknowledged-within-3-working-days']?.target).toBe(100);
  });
});
