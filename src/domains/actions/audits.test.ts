import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { percentFrom } from './audits.ts';

describe('a percentage as typed', () => {
  it.each([
    ['89.87', 89.87],
    ['60.49%', 60.49],
    [' 100 ', 100],
    ['0', 0],
    ['100.5', null],
    ['89.875', null],
    ['-1', null],
    ['ninety', null],
  ])('%o is %o', (text, expected) => {
    expect(percentFrom(text)).toBe(expected);
  });
});

// The review's recommendation 2: audited at 60.49% in October 2013, re-audited at 89.87% in December.
describe.each(engines)('a clinical audit measured again and again on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let officer: Browser;

    beforeAll(async () => {
      heard = await startTestApp(engine);
      officer = await heard.signInAs('complaints_officer');
    }, 60_000);
    afterAll(async () => heard?.close());

    it('charts each measurement against the target, with the same figures in a table', async () => {
      await officer.get('/actions/audits/new');
      const added = await officer.post('/actions/audits/new', {
        name: 'Reasons for treatment changes',
        target: '95',
      });
      expect(added.statusCode).toBe(303);
      const auditUrl = String(added.headers.location);
      for (const [month, compliance] of [
        ['10', '60.49'],
        ['12', '89.87'],
      ]) {
        await officer.get(auditUrl);
        const measured = await officer.post(`${auditUrl}/measurements`, {
          'measuredOn[day]': '15',
          'measuredOn[month]': month ?? '',
          'measuredOn[year]': '2013',
          compliance: compliance ?? '',
        });
        expect(measured.statusCode).toBe(303);
      }
      await officer.get(auditUrl);
      const refused = await officer.post(`${auditUrl}/measurements`, { compliance: '120' });
      expect(refused.statusCode).toBe(422);
      expect(visibleText(refused.body)).toContain(
        'Compliance must be a percentage from 0 to 100, like 89.87',
      );

      const page = await officer.get(auditUrl);
      const text = visibleText(page.body);
      expect(text).toContain('Latest: 89.87% on 15 December 2013, below the target of 95%.');
      expect(text).toContain('+29.38 points');
      expect(page.body).toContain('60.49% in Oct 2013, then 89.87% in Dec 2013, against a target of 95%.');
      expect(await htmlProblemsIn(page.body)).toEqual([]);
    });
  });
});
