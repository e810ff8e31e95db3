import { readFile } from 'node:fs/promises';
import type { Config } from '#src/config.ts';
import type { Database } from '#src/db/engine.ts';
import { actionsService, readTableFile } from '#src/domains/actions/index.ts';
import type { Actor } from '#src/web/principal.ts';

// The demo trust's action plan: the independent review's 18 recommendations (the seed document,
// as docs/action-plans/independent-review-2014.csv), imported as a trust would import its own.

const reviewTable = new URL('../../docs/action-plans/independent-review-2014.csv', import.meta.url);

export async function loadDemoActions(
  db: Database,
  orgId: string,
  actor: Actor,
  config: Pick<Config, 'ATTACHMENT_MAX_MEGABYTES'>,
) {
  const actions = actionsService({ db, config });
  const result = await actions.importPlan(
    orgId,
    actor,
    {
      name: 'Independent review action plan 2014',
      source: 'independent-review',
      sourceDescription: 'Action plan in response to an independent review, progress as at January 2014',
      reportedTo: 'Directorate Management Group',
    },
    await readTableFile(await readFile(reviewTable)),
  );
  if (!result.plan) throw new Error('the demo action plan was refused');
  return result.plan;
}
