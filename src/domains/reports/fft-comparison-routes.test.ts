import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';

// The page where a quality lead chooses the peer trusts the report compares the FFT with.

describe.each(engines)('the FFT comparison page on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let executive: Browser;
    let officer: Browser;

    beforeAll(async () => {
      heard = await startTestApp(engine);
      executive = await heard.signInAs('executive');
      officer = await heard.signInAs('complaints_officer');
    }, 180_000);
    afterAll(async () => heard?.close());

    it('lets a complaints officer choose the setting and peer trusts, and explains a mistake', async () => {
      const empty = await officer.get('/reports/fft-comparison');
      expect(empty.statusCode).toBe(200);
      expect(visibleText(empty.body)).toContain('No peer trusts are chosen yet');
      expect(await htmlProblemsIn(empty.body)).toEqual([]);

      const wrong = await officer.post('/reports/fft-comparison', { setting: '', peerCodes: 'RX2, R?' });
      expect(wrong.statusCode).toBe(422);
      expect(visibleText(wrong.body)).toContain('Select the care setting to compare in');
      expect(visibleText(wrong.body)).toContain('Enter each peer trust’s ODS code');
      expect(await htmlProblemsIn(wrong.body)).toEqual([]);

      const saved = await officer.post('/reports/fft-comparison', {
        setting: 'mental-health',
        peerCodes: 'rx2\nRX3, RX2',
      });
      expect(saved.statusCode).toBe(303);
      const page = visibleText((await executive.get('/reports/fft-comparison')).body);
      expect(page).toContain('Mental health');
      expect(page).toContain('RX2: Not in the imported data');
      expect(page).toContain('RX3: Not in the imported data');
      expect(page).not.toContain('Save the peer trusts');
    });

    it('refuses the change to an executive, who may only read reports', async () => {
      const response = await executive.post('/reports/fft-comparison', {
        setting: 'community',
        peerCodes: '',
      });
      expect(response.statusCode).toBe(403);
    });
  });
});
