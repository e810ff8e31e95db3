import type { Principal } from '#src/web/principal.ts';

// Issue 7, access: leads update their own actions; service managers their units' actions; the
// complaints team and administrators (actions:manage) run every plan. Everyone with actions:view
// reads plans and their progress: plans hold no personal data (schema.ts).

export interface ActionOwnership {
  leadUserId: string | null;
  /** The action's unit, or its plan's when the action has none. */
  unitId: string | null;
}

type Viewer = Pick<Principal, 'id' | 'roles' | 'permissions'> & { kind?: Principal['kind'] };

/**
 * Whether someone may record evidence on, update or complete an action. `visibleUnits` are the
 * units a service manager's grant covers, descendants included ('all' for an organisation-wide grant).
 */
export function mayUpdateAction(
  viewer: Viewer,
  action: ActionOwnership,
  visibleUnits: 'all' | ReadonlySet<string>,
): boolean {
  if (viewer.permissions.has('actions:manage')) return true;
  if (!viewer.permissions.has('actions:update')) return false;
  // An integration's API key leads nothing and has no unit: like a key for cases, it is organisation-wide.
  if (viewer.kind === 'api_key') return true;
  if (action.leadUserId !== null && action.leadUserId === viewer.id) return true;
  if (!viewer.roles.includes('service_manager')) return false;
  return visibleUnits === 'all' || (action.unitId !== null && visibleUnits.has(action.unitId));
}

/** Whether someone may create plans, import them, assign leads and record a plan's assurance. */
export const mayManagePlans = (viewer: Pick<Principal, 'permissions'>) =>
  viewer.permissions.has('actions:manage');
