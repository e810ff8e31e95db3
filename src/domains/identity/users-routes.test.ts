import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { searchAuditTrail } from '#src/domains/audit/index.ts';
import { units } from '#src/domains/organisations/schema.ts';
import { systemActor } from '#src/web/principal.ts';
import { Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { errorSummaryLinks } from '#test/support/forms.ts';
import { htmlProblemsIn } from '#test/support/html.ts';
import { addUser, listUsers } from './service.ts';
import { signInWithPassword } from './sign-in.ts';

const goodPassword = 'a river runs past the old mill';

describe.each(engines)('users administration on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let admin: Browser;
    let wardId: string;
    let people = 0;

    beforeAll(async () => {
      heard = await startTestApp(engine);
      const [ward] = await withOrg(heard.database.db, heard.orgId, (tx) =>
        tx
          .insert(units)
          .values({
            orgId: heard.orgId,
            kind: 'ward',
            code: 'W10',
            name: 'Ward 10',
            activeFrom: '2020-01-01',
          })
          .returning(),
      );
      if (!ward) throw new Error('ward not made');
      wardId = ward.unitId;
      admin = await heard.signInAs('administrator');
    });
    afterAll(async () => heard?.close());

    async function somebody(password: string | undefined = goodPassword) {
      people += 1;
      const email = `staff.member${people}@test.nhs.uk`;
      const user = await addUser(heard.database.db, heard.orgId, systemActor(), {
        email,
        displayName: `Staff Member ${people}`,
        password,
        grants: [{ role: 'executive' }],
      });
      return { email, userId: user.userId };
    }

    const auditOf = (userId: string) =>
      searchAuditTrail(heard.database.db, heard.orgId, { entityId: userId, limit: 20, offset: 0 });

    it('lists everyone with their roles, last sign-in and whether they are locked or disabled', async () => {
      const locked = await somebody();
      for (let i = 0; i < 5; i += 1) {
        await signInWithPassword(
          heard.database.db,
          { email: locked.email, password: 'wrong' },
          { maxFailures: 5, lockoutMinutes: 15 },
        );
      }
      const page = await admin.get('/admin/users');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<h1>Users</h1>');
      expect(page.body).toContain(locked.email);
      expect(page.body).toContain('Executive or board member');
      expect(page.body).toContain('Locked until');
      expect(page.body).toContain('Never signed in');
      expect(page.body).toContain('Administrator');
      expect(page.body).toContain(`href="/admin/users/${locked.userId}"`);
    });

    it('is closed to anyone without the users:manage permission', async () => {
      const executive = await heard.signInAs('executive');
      expect((await executive.get('/admin/users')).statusCode).toBe(403);
      expect((await executive.post('/admin/users/new', { email: 'x@test.nhs.uk' })).statusCode).toBe(403);
    });

    it('shows every problem with an empty form in an error summary that links to each field', async () => {
      await admin.get('/admin/users/new');
      const page = await admin.post('/admin/users/new', {});
      expect(page.statusCode).toBe(422);
      expect(page.body).toContain('<title>Error: Add a user – Heard</title>');
      expect(page.body).toContain('There is a problem');
      expect(errorSummaryLinks(page.body)).toEqual([
        { href: '#email', text: 'Enter an email address' },
        { href: '#displayName', text: 'Enter their full name' },
        { href: '#roles', text: 'Select at least one role' },
      ]);
    });

    it('keeps the answers and explains a missing unit and a weak password', async () => {
      await admin.get('/admin/users/new');
      const page = await admin.post('/admin/users/new', {
        email: 'new.investigator@test.nhs.uk',
        displayName: 'Nia Investigator',
        roles: ['investigator', 'complaints_officer'],
        unitId: '',
        password: 'password1234',
      });
      expect(page.statusCode).toBe(422);
      expect(errorSummaryLinks(page.body)).toEqual([
        { href: '#unitId', text: 'Select the unit a service manager or investigator works in' },
        { href: '#password', text: 'Password is too common – choose one that is harder to guess' },
      ]);
      expect(page.body).toContain('value="new.investigator@test.nhs.uk"');
      expect(page.body).toContain('value="Nia Investigator"');
      expect(page.body).toMatch(/value="investigator" checked/);
      expect(page.body).not.toContain('password1234');
    });

    it('adds a user, says so, and they can sign in with the password given; the audit keeps no password', async () => {
      await admin.get('/admin/users/new');
      const added = await admin.post('/admin/users/new', {
        email: 'ivy.investigator@test.nhs.uk',
        displayName: 'Ivy Investigator',
        roles: ['investigator'],
        unitId: wardId,
        password: goodPassword,
      });
      expect(added.statusCode).toBe(303);
      expect(added.headers.location).toBe('/admin/users');
      const list = await admin.get('/admin/users');
      expect(list.body).toContain('Ivy Investigator has been added');
      expect(list.body).toContain('Investigator (Ward 10)');

      const ivy = (await listUsers(heard.database.db, heard.orgId)).find(
        (u) => u.displayName === 'Ivy Investigator',
      );
      expect(ivy?.grants).toEqual([{ role: 'investigator', unitId: wardId }]);
      await new Browser(heard.app).signIn('ivy.investigator@test.nhs.uk', goodPassword);

      const trail = JSON.stringify(await auditOf(ivy?.userId ?? ''));
      expect(trail).toContain('user.added');
      expect(trail).not.toContain(goodPassword);
      expect(trail).not.toContain('argon2');
    });

    it('refuses a second account with the same email address', async () => {
      const existing = await somebody();
      await admin.get('/admin/users/new');
      const page = await admin.post('/admin/users/new', {
        email: existing.email.toUpperCase(),
        displayName: 'Someone Else',
        roles: ['executive'],
      });
      expect(page.statusCode).toBe(422);
      expect(page.body).toContain('There is already an account with this email address');
    });

    it('changes roles, recording the roles before and after', async () => {
      const person = await somebody();
      const form = await admin.get(`/admin/users/${person.userId}/roles`);
      expect(form.body).toMatch(/value="executive" checked/);
      const saved = await admin.post(`/admin/users/${person.userId}/roles`, {
        roles: ['service_manager', 'auditor'],
        unitId: wardId,
      });
      expect(saved.statusCode).toBe(303);
      const page = await admin.get(`/admin/users/${person.userId}`);
      expect(page.body).toContain('Roles changed');
      expect(page.body).toContain('Service manager (Ward 10), Auditor');
      const [event] = await auditOf(person.userId);
      expect(event).toMatchObject({
        action: 'user.roles_changed',
        before: { grants: [{ role: 'executive', unitId: null }] },
        after: {
          grants: [
            { role: 'service_manager', unitId: wardId },
            { role: 'auditor', unitId: null },
          ],
        },
      });
    });

    it('will not let an administrator remove their own administrator role', async () => {
      const self = (await listUsers(heard.database.db, heard.orgId)).find((u) =>
        u.grants.some((g) => g.role === 'administrator'),
      );
      const page = await admin.post(`/admin/users/${self?.userId}/roles`, { roles: ['executive'] });
      expect(page.statusCode).toBe(422);
      expect(page.body).toContain('You cannot remove your own administrator role');
      const own = await admin.get(`/admin/users/${self?.userId}`);
      expect(own.body).not.toContain('Disable account');
    });

    it('disables an account so that it cannot sign in, and enables it again', async () => {
      const person = await somebody();
      await admin.get(`/admin/users/${person.userId}`);
      expect((await admin.post(`/admin/users/${person.userId}/disable`)).statusCode).toBe(303);
      const page = await admin.get(`/admin/users/${person.userId}`);
      expect(page.body).toContain('Account disabled');
      expect(page.body).toContain('Enable account');

      const browser = new Browser(heard.app);
      await browser.get('/sign-in');
      expect(
        (await browser.post('/sign-in', { email: person.email, password: goodPassword })).statusCode,
      ).toBe(401);

      await admin.post(`/admin/users/${person.userId}/enable`);
      await browser.signIn(person.email, goodPassword);
      const trail = await auditOf(person.userId);
      expect(trail.find((event) => event.action === 'user.disabled')?.before).toMatchObject({
        disabledAt: null,
      });
      expect(trail.find((event) => event.action === 'user.enabled')?.after).toMatchObject({
        disabledAt: null,
      });
    });

    it('unlocks an account locked by wrong passwords', async () => {
      const person = await somebody();
      const policy = { maxFailures: 5, lockoutMinutes: 15 };
      for (let i = 0; i < 5; i += 1) {
        await signInWithPassword(heard.database.db, { email: person.email, password: 'wrong' }, policy);
      }
      const before = await admin.get(`/admin/users/${person.userId}`);
      expect(before.body).toContain('Locked until');
      expect((await admin.post(`/admin/users/${person.userId}/unlock`)).statusCode).toBe(303);
      const after = await admin.get(`/admin/users/${person.userId}`);
      expect(after.body).toContain('Account unlocked');
      expect(after.body).not.toContain('Unlock account');
      expect(
        await signInWithPassword(heard.database.db, { email: person.email, password: goodPassword }, policy),
      ).toMatchObject({ ok: true });
    });

    it('sets a new password that meets the rules, and refuses one that includes their name', async () => {
      const person = await somebody(undefined);
      const theirEarlierSession = new Browser(heard.app);
      await theirEarlierSession.signIn(person.email, goodPassword);
      const page = await admin.get(`/admin/users/${person.userId}/password`);
      expect(page.body).toContain('Must be 12 characters or more');
      const refused = await admin.post(`/admin/users/${person.userId}/password`, {
        password: `staff member ${people} rocks`,
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('Password must not include their email address');
      const set = await admin.post(`/admin/users/${person.userId}/password`, {
        password: 'violet lantern harbour',
      });
      expect(set.statusCode).toBe(303);
      expect((await theirEarlierSession.get('/')).headers.location).toBe('/sign-in');
      await new Browser(heard.app).signIn(person.email, 'violet lantern harbour');
      const trail = JSON.stringify(await auditOf(person.userId));
      expect(trail).toContain('user.password_set');
      expect(trail).not.toContain('violet lantern harbour');
      expect(trail).not.toContain('argon2');
    });

    it('answers "page not found" for someone who is not in the organisation', async () => {
      expect((await admin.get('/admin/users/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
      expect((await admin.get('/admin/users/not-an-id')).statusCode).toBe(404);
    });

    it('refuses a form sent without its CSRF token', async () => {
      const person = await somebody();
      const page = await admin.post(`/admin/users/${person.userId}/disable`, { _csrf: 'forged' });
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain('Your form has expired');
    });

    it('renders every page as valid HTML, with and without errors', async () => {
      const person = await somebody();
      await admin.get('/admin/users/new');
      const pages = [
        await admin.get('/admin/users'),
        await admin.get('/admin/users/new'),
        await admin.post('/admin/users/new', { roles: 'investigator' }),
        await admin.get(`/admin/users/${person.userId}`),
        await admin.get(`/admin/users/${person.userId}/roles`),
        await admin.post(`/admin/users/${person.userId}/roles`, {}),
        await admin.get(`/admin/users/${person.userId}/password`),
        await admin.post(`/admin/users/${person.userId}/password`, { password: 'short' }),
        await admin.get('/account/password'),
        await admin.post('/account/password', {}),
        await new Browser(heard.app).get('/sign-in'),
      ];
      for (const page of pages) expect(await htmlProblemsIn(page.body)).toEqual([]);
    });
  });
});
