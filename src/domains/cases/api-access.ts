import type { Principal } from '#src/web/principal.ts';
import { type CaseAction, mayTakeCaseAction } from './staff-access.ts';

// Who may change a case through /api/v1, beyond the operation's permission (cases:manage), which
// the access guard has already checked.

/**
 * A signed-in member of staff calling the API is held to the rules of the case pages: the
 * complaints and PALS team runs every case, an investigator records findings on their own cases.
 * An API key holds no role and is not scoped to units: the administrator who gave it cases:manage
 * made it an organisation-wide integration that runs cases as the complaints team does.
 */
export function mayActOnCaseThroughApi(
  principal: Pick<Principal, 'kind' | 'id' | 'roles'>,
  investigatorUserId: string | null,
  action: CaseAction,
): boolean {
  if (principal.kind === 'api_key') return true;
  return mayTakeCaseAction(principal, investigatorUserId, action);
}
