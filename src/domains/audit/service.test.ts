import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { type Actor, systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import {
  type AuditEntry,
  auditTrailPage,
  findAuditEvent,
  recordAudit,
  searchAuditTrail,
  verifyAuditChain,
} from './service.ts';

const officer: Actor = { kind: 'user', id: 'user-officer', name: 'Pat Officer', requestId: 'req-1' };

/** The message of a database error, whichever driver wrapped it. */
async function failureOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const { message, cause } = error as { message: string; cause?: { message?: string } };
    return `${message} ${cause?.message ?? ''}`;
  }
  throw new Error('expected the database to refuse');
}

describe.each(engines)('audit trail on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let organisations = 0;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
    });
    afterAll(async () => database?.close());

    /** A fresh organisation for each test, so that tampering in one cannot break another's chain. */
    async function newOrganisation() {
      organisations += 1;
      const organisation = await createOrganisation(database.db, systemActor(), {
        name: `Audit Test Trust ${organisations}`,
        odsCode: `AUD${organisations}`,
      });
      return organisation.orgId;
    }

    async function record(orgId: string, entries: AuditEntry[], actor: Actor = officer) {
      for (const entry of entries) {
        await withOrg(database.db, orgId, (tx) => recordAudit(tx, orgId, actor, entry));
      }
    }

    const complaintUpdates = (count: number): AuditEntry[] =>
      Array.from({ length: count }, (_, index) => ({
        action: 'complaint.updated',
        entityType: 'complaint',
        entityId: `complaint-${index + 1}`,
        before: { status: 'open' },
        after: { status: 'closed', outcome: 'upheld', closedOn: new Date(Date.UTC(2025, 3, index + 1)) },
      }));

    /** Changes a stored event as someone with the server's superuser rights could, bypassing the trigger. */
    async function tamper(statement: ReturnType<typeof sql>) {
      await database.db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      try {
        await database.db.execute(statement);
      } finally {
        await database.db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
      }
    }

    it('chains each event to the one before it, starting from the organisation being created', async () => {
      const orgId = await newOrganisation();
      await record(orgId, complaintUpdates(3));
      const events = (await searchAuditTrail(database.db, orgId, { limit: 10, offset: 0 })).reverse();
      expect(events.map((event) => event.sequence)).toEqual([1, 2, 3, 4]);
      expect(events[0]?.action).toBe('organisation.created');
      for (let index = 1; index < events.length; index += 1) {
        expect(events[index]?.previousHash).toBe(events[index - 1]?.hash);
      }
      expect(events[3]).toMatchObject({
        actorKind: 'user',
        actorId: 'user-officer',
        actorName: 'Pat Officer',
        requestId: 'req-1',
        after: { status: 'closed', outcome: 'upheld', closedOn: '2025-04-03T00:00:00.000Z' },
      });
      expect(await verifyAuditChain(database.db, orgId)).toEqual({ eventsChecked: 4, breaks: [] });
    });

    it('leaves no event behind when the transaction it was recorded in rolls back', async () => {
      const orgId = await newOrganisation();
      const failed = withOrg(database.db, orgId, async (tx) => {
        await recordAudit(tx, orgId, officer, { action: 'complaint.updated', entityType: 'complaint' });
        throw new Error('the write it records failed');
      });
      await expect(failed).rejects.toThrow('the write it records failed');
      await record(orgId, complaintUpdates(1));
      expect(await verifyAuditChain(database.db, orgId)).toEqual({ eventsChecked: 2, breaks: [] });
    });

    it('refuses to let the application change or remove an event', async () => {
      const orgId = await newOrganisation();
      const asApplication = (statement: ReturnType<typeof sql>) =>
        failureOf(withOrg(database.db, orgId, (tx) => tx.execute(statement)));
      expect(await asApplication(sql`update audit_events set action = 'changed'`)).toMatch(
        /permission denied/,
      );
      expect(await asApplication(sql`delete from audit_events`)).toMatch(/permission denied/);
    });

    it('refuses to let even the server’s superuser change, remove or truncate an event while the trigger is on', async () => {
      await newOrganisation();
      expect(await failureOf(database.db.execute(sql`update audit_events set action = 'changed'`))).toMatch(
        /append-only: UPDATE/,
      );
      expect(await failureOf(database.db.execute(sql`delete from audit_events`))).toMatch(
        /append-only: DELETE/,
      );
      expect(await failureOf(database.db.execute(sql`truncate audit_events`))).toMatch(/append-only/);
    });

    it('reports the sequence number of an event whose contents were changed behind its back', async () => {
      const orgId = await newOrganisation();
      await record(orgId, complaintUpdates(4));
      await tamper(
        sql`update audit_events set after = '{"status": "closed", "outcome": "not upheld"}'::jsonb
            where org_id = ${orgId} and sequence = 3`,
      );
      expect(await verifyAuditChain(database.db, orgId)).toEqual({
        eventsChecked: 5,
        breaks: [{ sequence: 3, kind: 'changed', problem: 'Event 3 has been changed since it was written' }],
      });
    });

    it('reports an event removed from the middle of the trail and one removed from its end', async () => {
      const orgId = await newOrganisation();
      await record(orgId, complaintUpdates(5));
      await tamper(sql`delete from audit_events where org_id = ${orgId} and sequence in (3, 6)`);
      expect((await verifyAuditChain(database.db, orgId)).breaks).toEqual([
        { sequence: 3, kind: 'missing', problem: 'Event 3 is missing' },
        { sequence: 4, kind: 'unlinked', problem: 'Event 4 does not point to the event before it' },
        { sequence: 6, kind: 'missing', problem: 'Event 6, at the end of the trail, is missing' },
      ]);
    });

    it('keeps a gapless chain when twenty transactions record events at the same time', async () => {
      const orgId = await newOrganisation();
      await Promise.all(
        complaintUpdates(20).map((entry) =>
          withOrg(database.db, orgId, (tx) => recordAudit(tx, orgId, officer, entry)),
        ),
      );
      const events = await searchAuditTrail(database.db, orgId, { limit: 100, offset: 0 });
      expect(events.map((event) => event.sequence).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 21 }, (_, index) => index + 1),
      );
      expect(await verifyAuditChain(database.db, orgId)).toEqual({ eventsChecked: 21, breaks: [] });
    });

    it('shows an organisation only its own events', async () => {
      const ours = await newOrganisation();
      const theirs = await newOrganisation();
      await record(theirs, complaintUpdates(2));
      const events = await searchAuditTrail(database.db, ours, { limit: 100, offset: 0 });
      expect(events.every((event) => event.orgId === ours)).toBe(true);
      await expect(findAuditEvent(database.db, ours, 3)).rejects.toThrow(/no event with that number/);
    });

    it('finds events by text, actor, entity, date and confidential reads, a page at a time', async () => {
      const orgId = await newOrganisation();
      await record(orgId, complaintUpdates(3));
      await record(
        orgId,
        [
          {
            action: 'complaint.viewed',
            entityType: 'complaint',
            entityId: 'complaint-2',
            confidentialRead: true,
          },
        ],
        { kind: 'user', id: 'user-investigator', name: 'Sam Investigator' },
      );
      const find = async (search: Parameters<typeof auditTrailPage>[2]) => {
        const page = await auditTrailPage(database.db, orgId, search);
        return { total: page.total, sequences: page.events.map((event) => event.sequence) };
      };
      const all = { limit: 50, offset: 0 };
      expect(await find({ ...all, text: 'VIEWED' })).toEqual({ total: 1, sequences: [5] });
      expect(await find({ ...all, actor: 'sam' })).toEqual({ total: 1, sequences: [5] });
      expect(await find({ ...all, actor: 'user-officer' })).toEqual({ total: 3, sequences: [4, 3, 2] });
      expect(await find({ ...all, entityType: 'complaint', entityId: 'complaint-2' })).toEqual({
        total: 2,
        sequences: [5, 3],
      });
      expect(await find({ ...all, confidentialReadsOnly: true })).toEqual({ total: 1, sequences: [5] });
      expect(await find({ ...all, text: '100%_' })).toEqual({ total: 0, sequences: [] });
      expect(await find({ ...all, from: new Date(Date.now() + 60_000) })).toEqual({
        total: 0,
        sequences: [],
      });
      expect(await find({ ...all, to: new Date(Date.now() + 60_000) })).toMatchObject({ total: 5 });
      expect(await find({ limit: 2, offset: 2 })).toEqual({ total: 5, sequences: [3, 2] });
      expect((await findAuditEvent(database.db, orgId, 5)).actorName).toBe('Sam Investigator');
    });
  });
});
