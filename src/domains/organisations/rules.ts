import { ukDate } from '#src/domains/calendar/index.ts';
import type { UnitKind } from './schema.ts';

/**
 * What the structure rules need to know about a unit. Dates are ISO calendar dates
 * (YYYY-MM-DD); active_to is the last day the unit is open, and null while it stays open.
 */
export interface UnitNode {
  unitId: string;
  parentUnitId: string | null;
  code: string;
  name: string;
  kind: UnitKind;
  activeFrom: string;
  activeTo: string | null;
}

type ActivePeriod = Pick<UnitNode, 'activeFrom' | 'activeTo'>;

export const maxUnitCodeLength = 20;
export const maxUnitNameLength = 200;

/** A unit code travels into spreadsheets, file names and URLs, so it keeps to letters, digits and hyphens. */
export function unitCodeProblem(code: string): string | null {
  if (code.length === 0) return 'Enter a unit code';
  if (code.length > maxUnitCodeLength) return `Unit code must be ${maxUnitCodeLength} characters or fewer`;
  if (!/^[A-Za-z0-9-]+$/.test(code)) return 'Unit code must only include letters, numbers and hyphens';
  return null;
}

export function unitNameProblem(name: string): string | null {
  if (name.trim().length === 0) return 'Enter a unit name';
  if (name.length > maxUnitNameLength) return `Unit name must be ${maxUnitNameLength} characters or fewer`;
  return null;
}

// Dates belong to the calendar domain; these names are the ones this domain's code reads.
export { isIsoDate as isCalendarDate, isoDateInLondon, ukDate } from '#src/domains/calendar/index.ts';

export function activePeriodProblem(activeFrom: string, activeTo: string | null): string | null {
  if (activeTo !== null && activeTo < activeFrom) {
    return `The date the unit closes must be the same as or after the date it opens (${ukDate(activeFrom)})`;
  }
  return null;
}

/** Whether a unit is open on a date: from its first day to its last, both included. */
export function isActiveOn(unit: ActivePeriod, date: string): boolean {
  return unit.activeFrom <= date && (unit.activeTo === null || date <= unit.activeTo);
}

/** A unit is retired once its last day has passed. */
export function isRetired(unit: ActivePeriod, today: string): boolean {
  return unit.activeTo !== null && unit.activeTo < today;
}

const labelOf = (unit: Pick<UnitNode, 'name' | 'code'>) => `${unit.name} (${unit.code})`;

/**
 * The units `rootIds` name together with every unit below them: what a grant on those
 * units covers. Safe on a tree that is (wrongly) cyclic.
 */
export function descendantIds(
  units: readonly Pick<UnitNode, 'unitId' | 'parentUnitId'>[],
  rootIds: Iterable<string>,
): Set<string> {
  const childrenOf = new Map<string, string[]>();
  for (const unit of units) {
    if (unit.parentUnitId === null) continue;
    const siblings = childrenOf.get(unit.parentUnitId) ?? [];
    siblings.push(unit.unitId);
    childrenOf.set(unit.parentUnitId, siblings);
  }
  const found = new Set<string>();
  const waiting = [...rootIds];
  for (let next = waiting.pop(); next !== undefined; next = waiting.pop()) {
    if (found.has(next)) continue;
    found.add(next);
    waiting.push(...(childrenOf.get(next) ?? []));
  }
  return found;
}

/** A unit cannot sit under itself or under any unit below it: the tree would become a loop. */
export function cycleProblem(
  units: readonly UnitNode[],
  unitId: string,
  newParentUnitId: string | null,
): string | null {
  if (newParentUnitId === null) return null;
  if (newParentUnitId === unitId) return 'A unit cannot be moved under itself';
  if (!descendantIds(units, [unitId]).has(newParentUnitId)) return null;
  const parent = units.find((unit) => unit.unitId === newParentUnitId);
  return `${parent ? labelOf(parent) : 'That unit'} is below this unit, so this unit cannot be moved under it`;
}

/** The parent must already be open on the day the unit opens. */
export function parentStartProblem(unit: ActivePeriod, parent: UnitNode): string | null {
  if (isActiveOn(parent, unit.activeFrom)) return null;
  return `${labelOf(parent)} is not active on ${ukDate(unit.activeFrom)}, the date this unit opens`;
}

/**
 * A unit cannot stay open after its parent closes; in particular a retired unit takes no new
 * units. A unit that itself closed by then is history being recorded, and is allowed.
 */
export function parentEndProblem(unit: ActivePeriod, parent: UnitNode, today: string): string | null {
  if (parent.activeTo === null) return null;
  if (unit.activeTo !== null && unit.activeTo <= parent.activeTo) return null;
  if (isRetired(parent, today)) {
    return `${labelOf(parent)} was retired on ${ukDate(parent.activeTo)}, so it cannot take new units`;
  }
  return `${labelOf(parent)} closes on ${ukDate(parent.activeTo)}, so a unit under it must close on or before that date`;
}

/** Every reason `parent` cannot hold `unit`, the retired parent first because it explains the rest. */
export function parentProblem(unit: ActivePeriod, parent: UnitNode | null, today: string): string | null {
  if (parent === null) return null;
  if (isRetired(parent, today))
    return parentEndProblem(unit, parent, today) ?? parentStartProblem(unit, parent);
  return parentStartProblem(unit, parent) ?? parentEndProblem(unit, parent, today);
}

/** Closing a unit whose units below it stay open would leave them without a parent. */
export function closingProblem(
  unit: Pick<UnitNode, 'name'>,
  children: readonly ActivePeriod[],
  activeTo: string | null,
): string | null {
  if (activeTo === null) return null;
  const stillOpen = children.filter((child) => child.activeTo === null || child.activeTo > activeTo);
  if (stillOpen.length === 0) return null;
  const them = stillOpen.length === 1 ? 'it' : 'them';
  const active = stillOpen.length === 1 ? '1 active unit' : `${stillOpen.length} active units`;
  return `${unit.name} still has ${active} below it. Retire or move ${them} first`;
}

/** Units below a unit cannot open before it does. */
export function openingProblem(
  unit: Pick<UnitNode, 'name'>,
  children: readonly ActivePeriod[],
  activeFrom: string,
): string | null {
  const earlier = children.filter((child) => child.activeFrom < activeFrom);
  if (earlier.length === 0) return null;
  const below = earlier.length === 1 ? '1 unit below it opens' : `${earlier.length} units below it open`;
  return `${unit.name} cannot open on ${ukDate(activeFrom)} because ${below} earlier`;
}

/** The units a unit (or a new one, when `unitId` is null) could go under: open ones outside its own branch, by name. */
export function possibleParents<U extends UnitNode>(
  units: readonly U[],
  unitId: string | null,
  today: string,
): U[] {
  const ownBranch = descendantIds(units, unitId === null ? [] : [unitId]);
  return units.filter((unit) => !ownBranch.has(unit.unitId) && !isRetired(unit, today)).sort(byName);
}

export interface UnitTreeNode<U extends UnitNode = UnitNode> {
  unit: U;
  retired: boolean;
  children: UnitTreeNode<U>[];
}

const byName = (a: Pick<UnitNode, 'name'>, b: Pick<UnitNode, 'name'>) =>
  a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base', numeric: true });

/**
 * The units as a tree for display, each level in name order. Without `includeRetired` a
 * retired unit is left out with its branch. A unit whose parent is missing is shown at the top.
 */
export function buildUnitTree<U extends UnitNode>(
  units: readonly U[],
  options: { includeRetired: boolean; today: string },
): UnitTreeNode<U>[] {
  const known = new Set(units.map((unit) => unit.unitId));
  const childrenOf = new Map<string | null, U[]>();
  for (const unit of [...units].sort(byName)) {
    const parent = unit.parentUnitId !== null && known.has(unit.parentUnitId) ? unit.parentUnitId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), unit]);
  }
  // Growing from the top reaches only units whose chain of parents ends there, so never a loop.
  const grow = (parentId: string | null): UnitTreeNode<U>[] =>
    (childrenOf.get(parentId) ?? [])
      .filter((unit) => options.includeRetired || !isRetired(unit, options.today))
      .map((unit) => ({
        unit,
        retired: isRetired(unit, options.today),
        children: grow(unit.unitId),
      }));
  return grow(null);
}
