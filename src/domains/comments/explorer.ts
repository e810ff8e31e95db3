import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { listUnits, unitIdsVisibleTo } from '#src/domains/organisations/index.ts';
import { NotFound } from '#src/web/errors.ts';
import type { Principal } from '#src/web/principal.ts';
import {
  answeredQuestions,
  type ExplorerFilters,
  explorerPage,
  themeMonthCounts,
} from './explorer-queries.ts';
import { shippedModel } from './model.ts';
import { agreementCounts, commentById, correctionsOf } from './queries.ts';

export const explorerPageSize = 25;

/** The comments explorer's reads: what a member of staff may see, within their units. */
export function commentsExplorer({ db }: { db: Database }) {
  async function explore(principal: Principal, filters: ExplorerFilters, page: number) {
    const { orgId } = principal;
    const visible = await unitIdsVisibleTo(db, principal);
    const unitIds: ExplorerFilters['unitIds'] = visible === 'all' ? 'all' : [...visible];
    const units = (await listUnits(db, orgId)).filter(
      (unit) => visible === 'all' || visible.has(unit.unitId),
    );
    const scoped = { ...filters, unitIds };
    return withOrg(db, orgId, async (tx) => ({
      page: await explorerPage(tx, orgId, scoped, {
        limit: explorerPageSize,
        offset: (page - 1) * explorerPageSize,
      }),
      counts: await themeMonthCounts(tx, orgId, scoped),
      questions: await answeredQuestions(tx, orgId),
      agreement: await agreementCounts(tx, orgId),
      units,
      themes: shippedModel().labels,
    }));
  }

  /** One comment with its coding and its corrections; NotFound outside the person's units. */
  async function comment(principal: Principal, commentId: string) {
    const { orgId } = principal;
    if (!/^[0-9a-f-]{36}$/i.test(commentId))
      throw new NotFound('There is no comment with that id in your organisation.');
    const visible = await unitIdsVisibleTo(db, principal);
    const found = await withOrg(db, orgId, async (tx) => {
      const row = await commentById(tx, orgId, commentId);
      return row ? { comment: row, corrections: await correctionsOf(tx, orgId, commentId) } : null;
    });
    if (!found || (visible !== 'all' && !(found.comment.unitId && visible.has(found.comment.unitId))))
      throw new NotFound('There is no comment with that id in your organisation.');
    const units = await listUnits(db, orgId);
    return {
      ...found,
      unitName: units.find((unit) => unit.unitId === found.comment.unitId)?.name ?? null,
      themes: shippedModel().labels,
    };
  }

  return { explore, comment };
}
