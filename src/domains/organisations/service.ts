import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '#src/db/engine.ts';
import { asSystem, type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { Conflict, Invalid, NotFound } from '#src/web/errors.ts';
import type { Actor, Principal } from '#src/web/principal.ts';
import {
  allOrganisations,
  insertOrganisation,
  insertUnit,
  organisationByOdsCode,
  type UnitRow,
  unitByCode,
  unitById,
  unitsOfOrganisation,
  updateUnitRow,
} from './queries.ts';
import {
  activePeriodProblem,
  buildUnitTree,
  closingProblem,
  cycleProblem,
  descendantIds,
  isCalendarDate,
  isoDateInLondon,
  openingProblem,
  parentEndProblem,
  parentProblem,
  parentStartProblem,
  type UnitTreeNode,
  unitCodeProblem,
  unitNameProblem,
} from './rules.ts';
import { type UnitKind, unitKinds } from './schema.ts';
import { type ImportReport, planUnitImport, type UnitImportPlan } from './unit-import.ts';

export interface NewOrganisation {
  name: string;
  odsCode: string;
  kind?: 'trust' | 'icb';
}

/** Creates a tenant. The organisation's first audit event records its own creation. */
export async function createOrganisation(db: Database, actor: Actor, organisation: NewOrganisation) {
  const orgId = randomUUID();
  return withOrg(db, orgId, async (tx) => {
    const row = await insertOrganisation(tx, {
      orgId,
      ...organisation,
      odsCode: organisation.odsCode.toUpperCase(),
    });
    await recordAudit(tx, orgId, actor, {
      action: 'organisation.created',
      entityType: 'organisation',
      entityId: orgId,
      after: row,
    });
    return row;
  }).catch((error: { code?: string; cause?: { code?: string } }) => {
    if (error.code === '23505' || error.cause?.code === '23505') {
      throw new Conflict(`An organisation with ODS code ${organisation.odsCode} already exists`);
    }
    throw error;
  });
}

export function findOrganisationByOdsCode(db: Database, odsCode: string) {
  return asSystem(db, (tx) => organisationByOdsCode(tx, odsCode));
}

export function listOrganisations(db: Database) {
  return asSystem(db, (tx) => allOrganisations(tx));
}

// --- units ---

export type { UnitRow } from './queries.ts';
export type { ImportReport, ImportRowReport } from './unit-import.ts';

export interface NewUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode?: string | null;
  /** YYYY-MM-DD; today when not given. */
  activeFrom?: string;
  activeTo?: string | null;
}

export interface UnitDetailsChanges {
  name?: string;
  code?: string;
  kind?: UnitKind;
  activeFrom?: string;
  activeTo?: string | null;
}

/** Today in England: the clock is read here, never in the rules. */
const today = () => isoDateInLondon(new Date());

const checkedBy = (problemOf: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const problem = problemOf(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

const isoDate = (message: string) => z.string().trim().refine(isCalendarDate, message);

const newUnitSchema = z.object({
  code: z.string().trim().superRefine(checkedBy(unitCodeProblem)),
  name: z.string().trim().superRefine(checkedBy(unitNameProblem)),
  kind: z.enum(unitKinds, { message: `Select the kind of unit: ${unitKinds.join(', ')}` }),
  parentCode: z
    .string()
    .trim()
    .nullish()
    .transform((code) => code || null),
  activeFrom: isoDate('Enter the date the unit opens as a real date, like 2024-04-01').optional(),
  activeTo: isoDate('Enter the date the unit closes as a real date, like 2025-03-31').nullish(),
});
const unitChangesSchema = newUnitSchema.omit({ parentCode: true }).partial();
const unitIdSchema = z.uuid();

function parsedOrInvalid<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) fieldErrors[String(issue.path[0] ?? 'unit')] ??= issue.message;
  throw new Invalid(Object.values(fieldErrors).join('. '), fieldErrors);
}

/** Throws Invalid naming each field that has a problem; does nothing when none has. */
function refuseProblems(problems: Record<string, string | null | undefined>) {
  const fieldErrors = Object.fromEntries(
    Object.entries(problems).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  if (Object.keys(fieldErrors).length > 0) {
    throw new Invalid(Object.values(fieldErrors).join('. '), fieldErrors);
  }
}

const codeTaken = (code: string) => new Conflict(`There is already a unit with the code ${code}`);

async function refuseTakenCode(tx: OrgTransaction, orgId: string, code: string, unitId?: string) {
  const holder = await unitByCode(tx, orgId, code);
  if (holder && holder.unitId !== unitId) throw codeTaken(holder.code);
}

/** Runs a change to units; a code taken at the same moment by someone else is a Conflict too. */
function changeUnits<T>(
  db: Database,
  orgId: string,
  code: string | undefined,
  work: (tx: OrgTransaction) => Promise<T>,
) {
  return withOrg(db, orgId, work).catch((error: { code?: string; cause?: { code?: string } }) => {
    if (error.code === '23505' || error.cause?.code === '23505') {
      throw code ? codeTaken(code) : new Conflict('Another unit already has this code');
    }
    throw error;
  });
}

async function unitOrNotFound(tx: OrgTransaction, orgId: string, unitId: string): Promise<UnitRow> {
  const unit = unitIdSchema.safeParse(unitId).success ? await unitById(tx, orgId, unitId) : null;
  if (!unit) throw new NotFound('There is no unit with that identifier in your organisation.');
  return unit;
}

/** Adds a unit, under the unit with `parentCode` if given. */
export async function createUnit(
  db: Database,
  orgId: string,
  actor: Actor,
  input: NewUnit,
): Promise<UnitRow> {
  const unit = parsedOrInvalid(newUnitSchema, input);
  const activeFrom = unit.activeFrom ?? today();
  const activeTo = unit.activeTo ?? null;
  refuseProblems({ activeTo: activePeriodProblem(activeFrom, activeTo) });
  return changeUnits(db, orgId, unit.code, async (tx) => {
    const parent = unit.parentCode ? await unitByCode(tx, orgId, unit.parentCode) : null;
    refuseProblems({
      parentCode:
        unit.parentCode && !parent
          ? `There is no unit with the code ${unit.parentCode}`
          : parentProblem({ activeFrom, activeTo }, parent, today()),
    });
    await refuseTakenCode(tx, orgId, unit.code);
    const row = await insertUnit(tx, {
      orgId,
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      parentUnitId: parent?.unitId ?? null,
      activeFrom,
      activeTo,
    });
    await recordAudit(tx, orgId, actor, {
      action: 'unit.created',
      entityType: 'unit',
      entityId: row.unitId,
      after: row,
    });
    return row;
  });
}

/** Changes a unit's own details; its place in the tree changes with moveUnit. */
export async function updateUnit(
  db: Database,
  orgId: string,
  actor: Actor,
  unitId: string,
  changes: UnitDetailsChanges,
): Promise<UnitRow> {
  const parsed = parsedOrInvalid(unitChangesSchema, changes);
  return changeUnits(db, orgId, parsed.code, async (tx) => {
    const before = await unitOrNotFound(tx, orgId, unitId);
    const after = {
      code: parsed.code ?? before.code,
      name: parsed.name ?? before.name,
      kind: parsed.kind ?? before.kind,
      activeFrom: parsed.activeFrom ?? before.activeFrom,
      activeTo: parsed.activeTo === undefined ? before.activeTo : parsed.activeTo,
    };
    if (Object.entries(after).every(([field, value]) => before[field as keyof typeof after] === value)) {
      return before;
    }
    const units = await unitsOfOrganisation(tx, orgId);
    const parent = units.find((unit) => unit.unitId === before.parentUnitId);
    const children = units.filter((unit) => unit.parentUnitId === unitId);
    refuseProblems({
      activeFrom:
        (parent && parentStartProblem(after, parent)) ?? openingProblem(after, children, after.activeFrom),
      activeTo:
        activePeriodProblem(after.activeFrom, after.activeTo) ??
        (parent && parentEndProblem(after, parent, today())) ??
        closingProblem(after, children, after.activeTo),
    });
    if (after.code.toUpperCase() !== before.code.toUpperCase()) {
      await refuseTakenCode(tx, orgId, after.code, unitId);
    }
    const row = await updateUnitRow(tx, orgId, unitId, after);
    await recordAudit(tx, orgId, actor, {
      action: 'unit.updated',
      entityType: 'unit',
      entityId: unitId,
      before,
      after: row,
    });
    return row;
  });
}

/** Puts a unit (with everything below it) under another unit, or at the top when the parent is null. */
export async function moveUnit(
  db: Database,
  orgId: string,
  actor: Actor,
  unitId: string,
  newParentUnitId: string | null,
): Promise<UnitRow> {
  return changeUnits(db, orgId, undefined, async (tx) => {
    const before = await unitOrNotFound(tx, orgId, unitId);
    const units = await unitsOfOrganisation(tx, orgId);
    const parent = units.find((unit) => unit.unitId === newParentUnitId) ?? null;
    refuseProblems({
      parentUnitId:
        newParentUnitId !== null && !parent
          ? 'Select a unit from the list'
          : (cycleProblem(units, unitId, newParentUnitId) ?? parentProblem(before, parent, today())),
    });
    if (before.parentUnitId === newParentUnitId) return before;
    const row = await updateUnitRow(tx, orgId, unitId, { parentUnitId: newParentUnitId });
    await recordAudit(tx, orgId, actor, {
      action: 'unit.moved',
      entityType: 'unit',
      entityId: unitId,
      before,
      after: row,
    });
    return row;
  });
}

/** Closes a unit: `activeTo` is its last day. Units below it must close first. */
export async function retireUnit(
  db: Database,
  orgId: string,
  actor: Actor,
  unitId: string,
  activeTo: string,
): Promise<UnitRow> {
  refuseProblems({
    activeTo: isCalendarDate(activeTo)
      ? null
      : 'Enter the date the unit closes as a real date, like 2025-03-31',
  });
  return changeUnits(db, orgId, undefined, async (tx) => {
    const before = await unitOrNotFound(tx, orgId, unitId);
    const units = await unitsOfOrganisation(tx, orgId);
    const parent = units.find((unit) => unit.unitId === before.parentUnitId);
    const children = units.filter((unit) => unit.parentUnitId === unitId);
    refuseProblems({
      activeTo:
        activePeriodProblem(before.activeFrom, activeTo) ??
        closingProblem(before, children, activeTo) ??
        (parent && parentEndProblem({ activeFrom: before.activeFrom, activeTo }, parent, today())),
    });
    const row = await updateUnitRow(tx, orgId, unitId, { activeTo });
    await recordAudit(tx, orgId, actor, {
      action: 'unit.retired',
      entityType: 'unit',
      entityId: unitId,
      before,
      after: row,
    });
    return row;
  });
}

export function listUnits(db: Database, orgId: string): Promise<UnitRow[]> {
  return withOrg(db, orgId, (tx) => unitsOfOrganisation(tx, orgId));
}

/** The organisation's units nested for display, each level in name order. */
export async function unitTree(
  db: Database,
  orgId: string,
  options: { includeRetired: boolean },
): Promise<UnitTreeNode<UnitRow>[]> {
  return buildUnitTree(await listUnits(db, orgId), {
    includeRetired: options.includeRetired,
    today: today(),
  });
}

export function getUnit(db: Database, orgId: string, unitId: string): Promise<UnitRow> {
  return withOrg(db, orgId, (tx) => unitOrNotFound(tx, orgId, unitId));
}

/** The units whose records a principal may see: 'all', or their granted units and everything below them. */
export async function unitIdsVisibleTo(db: Database, principal: Principal): Promise<'all' | Set<string>> {
  if (principal.unitScope === 'all') return 'all';
  return descendantIds(await listUnits(db, principal.orgId), principal.unitScope);
}

/**
 * Checks a unit-tree CSV row by row and, unless it is a dry run or any row has a problem,
 * applies the whole file in one transaction: all of it or none of it.
 */
export async function importUnitTree(
  db: Database,
  orgId: string,
  actor: Actor,
  csvText: string,
  options: { dryRun: boolean },
): Promise<ImportReport> {
  return changeUnits(db, orgId, undefined, async (tx) => {
    const existing = await unitsOfOrganisation(tx, orgId);
    const plan = planUnitImport(csvText, existing, today());
    if (options.dryRun || plan.report.errors > 0) return plan.report;
    await applyImportPlan(tx, orgId, actor, plan, existing);
    return { ...plan.report, applied: true };
  });
}

async function applyImportPlan(
  tx: OrgTransaction,
  orgId: string,
  actor: Actor,
  plan: UnitImportPlan,
  existing: UnitRow[],
) {
  const idByCode = new Map(existing.map((unit) => [unit.code.toUpperCase(), unit.unitId]));
  const parentIdOf = (code: string | null) => {
    if (code === null) return null;
    const parentId = idByCode.get(code.toUpperCase());
    if (!parentId) throw new Error(`the import plan names parent ${code} before creating it`);
    return parentId;
  };
  for (const { parentCode, ...unit } of plan.creates) {
    const row = await insertUnit(tx, { orgId, ...unit, parentUnitId: parentIdOf(parentCode) });
    idByCode.set(row.code.toUpperCase(), row.unitId);
    await recordAudit(tx, orgId, actor, {
      action: 'unit.created',
      entityType: 'unit',
      entityId: row.unitId,
      after: row,
    });
  }
  for (const { unitId, unit } of plan.updates) {
    const { parentCode, ...details } = unit;
    const row = await updateUnitRow(tx, orgId, unitId, { ...details, parentUnitId: parentIdOf(parentCode) });
    const before = existing.find((candidate) => candidate.unitId === unitId);
    await recordAudit(tx, orgId, actor, {
      action: 'unit.updated',
      entityType: 'unit',
      entityId: unitId,
      before,
      after: row,
    });
  }
  if (plan.creates.length + plan.updates.length === 0) return;
  await recordAudit(tx, orgId, actor, {
    action: 'units.imported',
    entityType: 'unit',
    after: { created: plan.creates.length, updated: plan.updates.length },
  });
}
