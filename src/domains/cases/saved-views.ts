import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { Forbidden, NotFound } from '#src/web/errors.ts';
import { actorOf, type Principal } from '#src/web/principal.ts';
import { refuseProblems } from './inputs.ts';
import { deleteOwnView, insertView, viewNamed, viewsOf } from './saved-view-queries.ts';

// Saved views (issue 4, work queues): a member of staff keeps a queue's filters under a name and
// comes back to them from the queue page. Each person sees, saves and deletes only their own.

/** The queue's search box: its words may name people, so they never go into the audit trail. */
export const searchParameter = 'q';
export const viewNameMaxLength = 100;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const noView = () => new NotFound('You have no saved view with that identifier.');

function ownerOf(principal: Principal): string {
  if (principal.kind !== 'user')
    throw new Forbidden('Only a member of staff signed in can keep saved views.');
  return principal.id;
}

/** What the audit trail keeps of a view's filters: everything but the words searched for. */
function filtersForAudit(query: string) {
  const params = new URLSearchParams(query);
  const searched = params.has(searchParameter);
  params.delete(searchParameter);
  return { filters: params.toString(), searched };
}

export function savedCaseViews({ db }: { db: Database }) {
  /** The person's own saved views, by name. */
  async function viewsFor(principal: Principal) {
    if (principal.kind !== 'user') return [];
    return withOrg(db, principal.orgId, (tx) => viewsOf(tx, principal.orgId, principal.id));
  }

  /** Saves the queue's filters (its query string) under a name of the person's choosing. */
  async function saveView(principal: Principal, input: { name: string; query: string }, requestId?: string) {
    const userId = ownerOf(principal);
    const name = input.name.trim();
    refuseProblems({
      name:
        name === ''
          ? 'Enter a name for the view'
          : name.length > viewNameMaxLength
            ? `The name must be ${viewNameMaxLength} characters or fewer`
            : null,
    });
    const { orgId } = principal;
    return withOrg(db, orgId, async (tx) => {
      if (await viewNamed(tx, orgId, userId, name)) {
        refuseProblems({
          name: `You already have a view called ‘${name}’: choose another name, or delete that view first`,
        });
      }
      const view = await insertView(tx, { orgId, userId, name, query: input.query });
      await recordAudit(tx, orgId, actorOf(principal, requestId), {
        action: 'case-view.saved',
        entityType: 'saved-case-view',
        entityId: view.viewId,
        after: { name, ...filtersForAudit(view.query) },
      });
      return view;
    });
  }

  /** Deletes one of the person's own views; NotFound for anyone else's. */
  async function deleteView(principal: Principal, viewId: string, requestId?: string) {
    const userId = ownerOf(principal);
    if (!uuidPattern.test(viewId)) throw noView();
    const { orgId } = principal;
    return withOrg(db, orgId, async (tx) => {
      const deleted = await deleteOwnView(tx, orgId, userId, viewId);
      if (!deleted) throw noView();
      await recordAudit(tx, orgId, actorOf(principal, requestId), {
        action: 'case-view.deleted',
        entityType: 'saved-case-view',
        entityId: viewId,
        before: { name: deleted.name, ...filtersForAudit(deleted.query) },
      });
      return deleted;
    });
  }

  return { viewsFor, saveView, deleteView };
}

export type SavedCaseViews = ReturnType<typeof savedCaseViews>;
