import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '#src/domains/integrations/index.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { installSurveyTemplates } from './service.ts';

describe.each(engines)('survey responses through /api/v1 on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let vendorKey: string;
    let readerKey: string;

    beforeAll(async () => {
      heard = await startTestApp(engine);
      const actor = systemActor();
      await createUnit(heard.database.db, heard.orgId, actor, {
        code: 'W1',
        name: 'Ward 1',
        kind: 'ward',
        activeFrom: '2015-01-01',
      });
      await installSurveyTemplates(heard.database.db, heard.orgId, actor);
      vendorKey = (
        await createApiKey(heard.database.db, heard.orgId, actor, {
          name: 'SMS vendor',
          permissions: ['surveys:submit'],
        })
      ).key;
      readerKey = (
        await createApiKey(heard.database.db, heard.orgId, actor, {
          name: 'BI',
          permissions: ['reports:view'],
        })
      ).key;
    }, 60_000);
    afterAll(async () => heard?.close());

    const send = (key: string, responses: unknown[]) =>
      heard.app.inject({
        method: 'POST',
        url: '/api/v1/surveys/fft/responses',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        payload: { responses },
      });

    const batch = [
      {
        submissionId: 'sms-1',
        unitCode: 'W1',
        responseDate: '2021-09-01',
        mode: 'sms',
        answers: { fft: 'good', good: 'Quick' },
      },
      {
        submissionId: 'sms-2',
        unitCode: 'W9',
        responseDate: '2021-09-01',
        mode: 'sms',
        answers: { fft: 'good' },
      },
      {
        submissionId: 'sms-3',
        unitCode: 'W1',
        responseDate: '2021-09-02',
        mode: 'sms',
        answers: { fft: 'awful' },
      },
      {
        submissionId: 'sms-4',
        unitCode: 'w1',
        responseDate: '2021-09-02',
        mode: 'sms',
        answers: { fft: 'dont-know' },
      },
    ];

    it('stores a vendor’s batch, refusing by position what cannot be stored, and stores nothing twice when it is sent again', async () => {
      const first = await send(vendorKey, batch);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({
        stored: 2,
        alreadyStored: 0,
        refused: [
          { index: 1, submissionId: 'sms-2', problems: { unitCode: 'W9 is not the code of a unit' } },
          { index: 2, submissionId: 'sms-3', problems: { fft: 'Select one of the answers shown' } },
        ],
      });
      const again = await send(vendorKey, batch);
      expect(again.json()).toMatchObject({ stored: 0, alreadyStored: 2 });
    });

    it('refuses a key without surveys:submit and a body that is not a batch', async () => {
      expect((await send(readerKey, batch)).statusCode).toBe(403);
      expect((await send(vendorKey, [])).statusCode).toBe(422);
    });
  });
});
