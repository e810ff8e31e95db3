import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeComment, isNoComment, modelFileUrl, parseModel } from './model.ts';

const bytes = readFileSync(modelFileUrl);

describe('the shipped themes model', () => {
  // How fast it loads is measured by the benchmark (bench/themes-worker.ts), not timed here.
  it('is a few hundred kilobytes, not megabytes, and holds the labels without the placeholder', () => {
    const model = parseModel(bytes);
    expect(bytes.length).toBeLessThan(3 * 1024 * 1024);
    expect(model.version).toMatch(/^themes-1\.[0-9a-f]{12}$/);
    expect(model.labels).toHaveLength(31);
    expect(model.labels).not.toContain('Labelling not possible');
  });

  const model = parseModel(bytes);
  it.each([
    ['The staff were so kind, caring and friendly', 'Staff manner & personal attributes', [1, 2]],
    ['Waited five hours for the ambulance to arrive', 'Timeliness of care', [3, 4, 5]],
    ['The food was cold and there was no choice of meals', 'Food & drink provision & facilities', [3, 4, 5]],
    ['Could not get through on the phone, nobody called me back', 'Contacting services', [3, 4, 5]],
  ])('codes "%s" with %s', (text, theme, sentiments) => {
    const coding = codeComment(model, { text, question: null, fftScore: null });
    expect(coding.labels).toContain(theme);
    expect(sentiments).toContain(coding.sentiment);
    expect(coding.scores[theme]).toBeGreaterThan(0.3);
  });

  it('gives every real comment at least one theme, and a placeholder none', () => {
    expect(codeComment(model, { text: 'ok' }).labels.length).toBeGreaterThan(0);
    expect(codeComment(model, { text: 'Did not answer' })).toEqual({
      labels: [],
      sentiment: null,
      scores: {},
    });
    expect(isNoComment('  ...  ')).toBe(true);
  });
});
