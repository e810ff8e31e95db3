import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { casesService } from '#src/domains/cases/index.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';

// Issue 7, done when: the public "You said – We did" page shows no personal data. The statement
// is linked to a complaint full of personal details; none of them, nor who wrote the statement,
// may reach the public page or the feed.
describe.each(engines)('You said – We did on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let manager: Browser;
    let officer: Browser;
    let reference = '';
    let wardId = '';
    let ward10Id = '';
    const personal = {
      personName: 'Annabel Quigley-Example',
      email: 'annabel.quigley@example.com',
      phone: '07700 900461',
      narrative: 'My father was discharged from Ward 9 without his medicines',
    };

    beforeAll(async () => {
      heard = await startTestApp(engine);
      const actor = systemActor();
      wardId = (
        await createUnit(heard.database.db, heard.orgId, actor, {
          code: 'W9',
          name: 'Ward 9',
          kind: 'ward',
          activeFrom: '2020-04-01',
        })
      ).unitId;
      ward10Id = (
        await createUnit(heard.database.db, heard.orgId, actor, {
          code: 'W10',
          name: 'Ward 10',
          kind: 'ward',
          activeFrom: '2020-04-01',
        })
      ).unitId;
      const logged = await casesService({ db: heard.database.db, config: heard.config }).logRecord(
        heard.orgId,
        actor,
        {
          kind: 'complaint',
          channel: 'email',
          unitId: wardId,
          receivedDate: '2024-05-20',
          summary: 'Discharge without medicines',
          narrative: personal.narrative,
          personName: personal.personName,
          contactDetails: { email: personal.email, phone: personal.phone },
        },
      );
      if (logged.outcome !== 'logged') throw new Error('not logged');
      reference = logged.record.reference;
      manager = await heard.signInAs('service_manager', {
        unitId: wardId,
        email: 'ward9.manager@test.nhs.uk',
      });
      officer = await heard.signInAs('complaints_officer');
    }, 60_000);
    afterAll(async () => heard?.close());

    it('refuses a statement that names someone, keeping the answers', async () => {
      await manager.get('/actions/you-said-we-did/new');
      const refused = await manager.post('/actions/you-said-we-did/new', {
        unitId: wardId,
        youSaid: `${personal.personName} (${personal.email}) was sent home without medicines`,
        weDid: 'We check medicines before discharge',
        assuranceLevel: 'significant',
      });
      expect(refused.statusCode).toBe(422);
      expect(visibleText(refused.body)).toContain(
        'You said must not include personal details: it seems to include an email address',
      );
      expect(await htmlProblemsIn(refused.body)).toEqual([]);
    });

    it('lets a service manager speak only for their own units', async () => {
      const units = (await manager.get('/actions/you-said-we-did/new')).body;
      const otherWard = /<option value="([0-9a-f-]{36})">Ward 10/.exec(units)?.[1] ?? '';
      const refused = await manager.post('/actions/you-said-we-did/new', {
        unitId: otherWard,
        youSaid: 'The ward was noisy at night',
        weDid: 'Quiet hours from 10pm',
        assuranceLevel: 'full',
      });
      expect(refused.statusCode).toBe(422);
      expect(visibleText(refused.body)).toContain('Select one of your units');
    });

    it('publishes a statement linked to the complaint, and shows it in public without any personal data', async () => {
      await manager.get('/actions/you-said-we-did/new');
      const published = await manager.post('/actions/you-said-we-did/new', {
        unitId: wardId,
        youSaid: 'A relative told us a patient went home without their medicines',
        weDid: 'Pharmacy now checks every discharge prescription before the patient leaves',
        assuranceLevel: 'significant',
        sourceReference: reference,
      });
      expect(published.statusCode).toBe(303);
      await officer.get('/actions/you-said-we-did/new');
      await officer.post('/actions/you-said-we-did/new', {
        youSaid: 'People said our letters were hard to read',
        weDid: 'We rewrote our complaint letters in plain English',
        assuranceLevel: 'full',
      });
      const staff = visibleText((await officer.get('/actions/you-said-we-did')).body);
      expect(staff).toContain(reference);

      const anonymous = heard.app;
      for (const url of ['/you-said-we-did/RT1', '/you-said-we-did/rt1/units/W9']) {
        const page = await anonymous.inject({ url });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('Pharmacy now checks every discharge prescription');
        expect(page.body).toContain('Significant assurance');
        expect(await htmlProblemsIn(page.body)).toEqual([]);
        for (const secret of [
          ...Object.values(personal),
          reference,
          'ward9.manager',
          'Test service_manager',
        ]) {
          expect(page.body).not.toContain(secret);
        }
      }
      const unitPage = await anonymous.inject({ url: '/you-said-we-did/RT1/units/W9' });
      expect(unitPage.body).not.toContain('letters were hard to read');

      const feed = await anonymous.inject({ url: '/you-said-we-did/RT1/feed.atom' });
      expect(feed.headers['content-type']).toContain('application/atom+xml');
      expect(feed.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
      expect(feed.body.match(/<entry>/g)).toHaveLength(2);
      for (const secret of [...Object.values(personal), reference, 'ward9.manager']) {
        expect(feed.body).not.toContain(secret);
      }
    });

    it('changes and withdraws a statement: a withdrawn one leaves the public page and feed, and both are in the trail', async () => {
      await manager.get('/actions/you-said-we-did/new');
      await manager.post('/actions/you-said-we-did/new', {
        unitId: wardId,
        youSaid: 'Visitors could not find the ward',
        weDid: 'New signs at every lift',
        assuranceLevel: 'limited',
      });
      await officer.get('/actions/you-said-we-did/new');
      await officer.post('/actions/you-said-we-did/new', {
        unitId: ward10Id,
        youSaid: 'The call bells were slow to be answered',
        weDid: 'A call bell audit every month',
        assuranceLevel: 'full',
      });
      const staffPage = (await officer.get('/actions/you-said-we-did')).body;
      const idOf = (text: string) =>
        new RegExp(`${text}[\\s\\S]*?/actions/you-said-we-did/([0-9a-f-]{36})/edit`).exec(staffPage)?.[1] ??
        '';
      const signs = idOf('Visitors could not find the ward');
      const bells = idOf('The call bells were slow');
      expect(signs).toMatch(/^[0-9a-f-]{36}$/);

      // A ward 9 manager may not change ward 10's statement, even by typing its address.
      expect((await manager.get(`/actions/you-said-we-did/${bells}/edit`)).statusCode).toBe(403);
      expect(
        (await manager.post(`/actions/you-said-we-did/${bells}/withdraw`, { reason: 'Not ours' })).statusCode,
      ).toBe(403);

      const form = await manager.get(`/actions/you-said-we-did/${signs}/edit`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('New signs at every lift');
      expect(await htmlProblemsIn(form.body)).toEqual([]);
      const named = await manager.post(`/actions/you-said-we-did/${signs}/edit`, {
        unitId: wardId,
        youSaid: 'Visitors could not find the ward',
        weDid: `Signs put up by ${personal.email}`,
        assuranceLevel: 'limited',
      });
      expect(named.statusCode).toBe(422);
      const changed = await manager.post(`/actions/you-said-we-did/${signs}/edit`, {
        unitId: wardId,
        youSaid: 'Visitors could not find the ward',
        weDid: 'New signs at every lift and at the main entrance',
        assuranceLevel: 'significant',
      });
      expect(changed.statusCode).toBe(303);
      expect((await heard.app.inject({ url: '/you-said-we-did/RT1' })).body).toContain(
        'and at the main entrance',
      );

      const withdrawForm = await manager.get(`/actions/you-said-we-did/${signs}/withdraw`);
      expect(await htmlProblemsIn(withdrawForm.body)).toEqual([]);
      const noReason = await manager.post(`/actions/you-said-we-did/${signs}/withdraw`, { reason: ' ' });
      expect(noReason.statusCode).toBe(422);
      expect(visibleText(noReason.body)).toContain('Enter why it is being withdrawn');
      const withdrawn = await manager.post(`/actions/you-said-we-did/${signs}/withdraw`, {
        reason: 'The signs were taken down during building work',
      });
      expect(withdrawn.statusCode).toBe(303);
      for (const url of [
        '/you-said-we-did/RT1',
        '/you-said-we-did/RT1/units/W9',
        '/you-said-we-did/RT1/feed.atom',
      ]) {
        const page = await heard.app.inject({ url });
        expect(page.body).not.toContain('Visitors could not find the ward');
        expect(page.body).not.toContain('building work');
      }
      expect((await heard.app.inject({ url: '/you-said-we-did/RT1' })).body).toContain('call bells');
      const staff = visibleText((await manager.get('/actions/you-said-we-did')).body);
      expect(staff).toContain('The signs were taken down during building work');
      const again = await manager.post(`/actions/you-said-we-did/${signs}/withdraw`, { reason: 'Again' });
      expect(again.statusCode).toBe(422);
      expect(visibleText(again.body)).toContain('This statement has already been withdrawn');

      const trail = await withOrg(heard.database.db, heard.orgId, (tx) =>
        tx.select().from(auditEvents).where(eq(auditEvents.entityId, signs)),
      );
      expect(trail.map((event) => event.action)).toEqual([
        'you-said-we-did.published',
        'you-said-we-did.edited',
        'you-said-we-did.withdrawn',
      ]);
    });

    it('starts a complaint’s action plan linked to the complaint by its reference', async () => {
      await officer.get('/actions/plans/new');
      const unknown = await officer.post('/actions/plans/new', {
        name: 'Discharge complaint',
        source: 'complaint',
        sourceReference: 'C-1999-99999',
      });
      expect(unknown.statusCode).toBe(422);
      expect(visibleText(unknown.body)).toContain('There is no feedback with the reference C-1999-99999');
      const started = await officer.post('/actions/plans/new', {
        name: 'Discharge complaint',
        source: 'complaint',
        sourceReference: reference.toLowerCase(),
      });
      expect(started.statusCode).toBe(303);
      const plan = visibleText((await officer.get(String(started.headers.location))).body);
      expect(plan).toContain(`Prompted by ${reference}`);
    });

    it('answers 404 for an unknown organisation or unit', async () => {
      expect((await heard.app.inject({ url: '/you-said-we-did/NOPE' })).statusCode).toBe(404);
      expect((await heard.app.inject({ url: '/you-said-we-did/RT1/units/NOPE' })).statusCode).toBe(404);
    });
  });
});
