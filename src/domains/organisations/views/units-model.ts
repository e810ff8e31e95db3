import { isActiveOn, isRetired, type UnitNode, type UnitTreeNode, ukDate } from '../rules.ts';
import type { UnitKind } from '../schema.ts';

export const kindNames: Record<UnitKind, string> = {
  division: 'Division',
  locality: 'Locality',
  directorate: 'Directorate',
  service: 'Service',
  team: 'Team',
  ward: 'Ward',
  site: 'Site',
};

export const unitHref = (unit: Pick<UnitNode, 'unitId'>) => `/admin/units/${unit.unitId}`;

export function activeDates(unit: Pick<UnitNode, 'activeFrom' | 'activeTo'>): string {
  return unit.activeTo === null
    ? `From ${ukDate(unit.activeFrom)}`
    : `${ukDate(unit.activeFrom)} to ${ukDate(unit.activeTo)}`;
}

function status(unit: UnitNode, today: string): string {
  if (isRetired(unit, today)) return 'Retired';
  if (isActiveOn(unit, today)) return 'Open';
  return 'Not open yet';
}

interface TreeItem {
  name: string;
  href: string;
  description: string;
  retired: boolean;
  children: TreeItem[];
}

const treeItem = (node: UnitTreeNode): TreeItem => ({
  name: node.unit.name,
  href: unitHref(node.unit),
  description: `${kindNames[node.unit.kind]} · ${node.unit.code} · ${activeDates(node.unit)}`,
  retired: node.retired,
  children: node.children.map(treeItem),
});

export function unitsPage(input: { tree: UnitTreeNode[]; includeRetired: boolean; canManage: boolean }) {
  return {
    pageTitle: 'Units',
    canManage: input.canManage,
    tree: input.tree.map(treeItem),
    toggle: input.includeRetired
      ? { href: '/admin/units', text: 'Hide retired units' }
      : { href: '/admin/units?retired=yes', text: 'Show retired units' },
    emptyText: input.includeRetired
      ? 'There are no units yet.'
      : 'There are no open units. Retired units are hidden.',
  };
}

/** The summary of one unit; the links to change it only for those who may. */
export function unitPage(input: {
  unit: UnitNode;
  parent: UnitNode | null;
  children: UnitNode[];
  canManage: boolean;
  today: string;
  /** Whether the reader may see the unit's dashboard (reports:view, and the unit in their scope). */
  mayViewDashboard?: boolean;
}) {
  const { unit, parent, canManage } = input;
  const change = (href: string, visuallyHiddenText: string) =>
    canManage ? { items: [{ href, text: 'Change', visuallyHiddenText }] } : undefined;
  const editHref = `${unitHref(unit)}/edit`;
  const retired = isRetired(unit, input.today);
  return {
    pageTitle: unit.name,
    backLinkHref: '/admin/units',
    dashboardHref: input.mayViewDashboard ? `/reports/dashboard/units/${unit.unitId}` : null,
    caption: `${kindNames[unit.kind]} · ${unit.code}`,
    rows: [
      { key: { text: 'Name' }, value: { text: unit.name }, actions: change(editHref, 'name') },
      { key: { text: 'Code' }, value: { text: unit.code }, actions: change(editHref, 'code') },
      { key: { text: 'Kind' }, value: { text: kindNames[unit.kind] }, actions: change(editHref, 'kind') },
      {
        key: { text: 'Part of' },
        value: {
          text: parent ? `${parent.name} (${parent.code})` : 'Nothing: it is at the top of the organisation',
        },
        actions: change(`${unitHref(unit)}/move`, 'where the unit sits'),
      },
      {
        key: { text: 'Opens' },
        value: { text: ukDate(unit.activeFrom) },
        actions: change(editHref, 'opening date'),
      },
      {
        key: { text: 'Closes' },
        value: { text: unit.activeTo ? ukDate(unit.activeTo) : 'Not set' },
        actions: change(editHref, 'closing date'),
      },
      { key: { text: 'Status' }, value: { text: status(unit, input.today) } },
    ],
    children: input.children.map((child) => ({
      href: unitHref(child),
      text: child.name,
      description: `${kindNames[child.kind]} · ${child.code} · ${activeDates(child)}`,
    })),
    actions: canManage
      ? {
          moveHref: `${unitHref(unit)}/move`,
          retireHref: retired ? null : `${unitHref(unit)}/retire`,
        }
      : null,
  };
}
