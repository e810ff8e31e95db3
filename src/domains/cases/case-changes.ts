import type { OrgTransaction } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { ukDate } from '#src/domains/calendar/index.ts';
import { Conflict } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import { latestChanges, raiseVersion, versionOf } from './change-queries.ts';
import { changedSinceMessage } from './change-words.ts';
import { recordForUpdate } from './queries.ts';

// Issue 4, concurrency: two people changing the same case never silently overwrite each other.
// Every change to a case raises its version by one, with its audit event, in one transaction; a
// change made from a page that showed an older version is refused, naming what changed since.
// Any service that changes a case uses these two functions: lockCaseForChange first, then
// recordCaseChange for what it did.

/** The refusal of a change made from a page that showed an older version of the case. */
export class CaseMovedOn extends Conflict {}

/** The version of one case that the person's page showed. */
export interface ExpectedVersion {
  recordId: string;
  version: number;
}

/** Throws Conflict, naming who changed what since, unless the case is still at `expected`. */
export async function refuseIfMovedOn(
  tx: OrgTransaction,
  orgId: string,
  recordId: string,
  current: number,
  expected: number | undefined,
  now: Date,
): Promise<void> {
  if (expected === undefined || current === expected) return;
  const changes = await latestChanges(tx, orgId, recordId, current - expected);
  throw new CaseMovedOn(changedSinceMessage(changes, now));
}

/**
 * The case and a complaint's details, locked for this transaction's change; null when the case is
 * not in the organisation. Refused with Conflict when `expected` names this case at another version.
 */
export async function lockCaseForChange(
  tx: OrgTransaction,
  orgId: string,
  recordId: string,
  options: { expected?: ExpectedVersion; now: Date; evenIfDestroyed?: boolean },
) {
  const found = await recordForUpdate(tx, orgId, recordId);
  if (!found) return null;
  // A file destroyed at the end of its retention takes nothing new: personal data could creep back.
  const { destroyedDate, reference } = found.record;
  if (destroyedDate && !options.evenIfDestroyed) {
    throw new Conflict(
      `The file of ${reference} was destroyed on ${ukDate(destroyedDate)} at the end of its retention: it can no longer be changed`,
    );
  }
  const { expected } = options;
  if (expected?.recordId === recordId) {
    await refuseIfMovedOn(tx, orgId, recordId, found.record.version, expected.version, options.now);
  }
  return found;
}

/** Refuses, as lockCaseForChange does, without locking: for a check before a change is attempted. */
export async function refuseIfCaseMovedOn(
  tx: OrgTransaction,
  orgId: string,
  expected: ExpectedVersion,
  now: Date,
): Promise<void> {
  const current = await versionOf(tx, orgId, expected.recordId);
  if (current !== null) await refuseIfMovedOn(tx, orgId, expected.recordId, current, expected.version, now);
}

/**
 * Records a change to an existing case: raises its version by one and appends the audit event,
 * in the caller's transaction. Personal data never goes in `before` or `after` (access.ts).
 */
export async function recordCaseChange(
  tx: OrgTransaction,
  orgId: string,
  actor: Actor,
  recordId: string,
  change: { action: string; before?: unknown; after?: unknown },
): Promise<number> {
  const version = await raiseVersion(tx, orgId, recordId);
  await recordAudit(tx, orgId, actor, { entityType: 'case', entityId: recordId, ...change });
  return version;
}
