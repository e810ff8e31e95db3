import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { listUnits } from '#src/domains/organisations/index.ts';
import { Forbidden } from '#src/web/errors.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { attempt, formBody } from '#src/web/forms.ts';
import { actorOf, principalOf } from '#src/web/principal.ts';
import { type BulkCompliments, bulkComplimentsService } from './bulk-compliments.ts';
import { casesService } from './service.ts';
import { mayTakeCaseAction } from './staff-access.ts';
import { caseTasksService } from './tasks.ts';
import { bulkComplimentsPage, bulkComplimentsPath } from './views/staff/bulk-compliments-model.ts';

// The staff pages that sit beside a case's action forms (staff-routes.ts): marking a task done
// from the case page, and logging a team's compliments in bulk.

const canManage = { access: { permission: 'cases:manage' } } as const;
const bulkTemplate = 'cases/views/staff/bulk-compliments.njk';

type WithTask = { Params: { recordId: string; taskId: string } };

/** The service's input from the bulk form: a number typed as text, and one compliment to a line. */
export function bulkComplimentsFrom(answers: Record<string, unknown>): BulkCompliments {
  const count = String(answers.count ?? '').trim();
  const text = (name: string) => String(answers[name] ?? '');
  return {
    unitId: text('unitId'),
    receivedDate: text('receivedDate'),
    channel: text('channel') as BulkCompliments['channel'],
    count: count === '' ? null : Number(count),
    description: text('description'),
    compliments: text('compliments').split(/\r?\n/),
  };
}

export function taskAndComplimentRoutes({ db, config }: DomainDependencies) {
  const cases = casesService({ db, config });
  const tasks = caseTasksService({ db });
  const compliments = bulkComplimentsService({ db, config });

  async function unitChoices(orgId: string) {
    return (await listUnits(db, orgId)).map((unit) => ({
      value: unit.unitId,
      text: `${unit.name} (${unit.code})`,
    }));
  }

  return async (app: FastifyInstance) => {
    app.post<WithTask>(
      '/cases/:recordId/tasks/:taskId/done',
      { config: canManage },
      async (request, reply) => {
        const principal = principalOf(request);
        const { recordId, taskId } = request.params;
        const current = await cases.caseToChange(principal, recordId);
        if (!mayTakeCaseAction(principal, current.details?.investigatorUserId ?? null, 'task')) {
          throw new Forbidden(
            'Only the complaints team, or the investigator assigned to this case, can do this.',
          );
        }
        await tasks.completeTask(principal.orgId, actorOf(principal, request.id), recordId, taskId);
        setSuccessMessage(request, `A task on ${current.record.reference} has been marked as done`);
        return reply.redirect(`/cases/${recordId}`, 303);
      },
    );

    app.get(bulkComplimentsPath, { config: canManage }, async (request, reply) => {
      const units = await unitChoices(principalOf(request).orgId);
      return reply.render(bulkTemplate, bulkComplimentsPage({ answers: {}, units }));
    });

    app.post(bulkComplimentsPath, { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const answers = formBody(request.body);
      const logged = await attempt(() =>
        compliments.logComplimentsInBulk(
          principal.orgId,
          actorOf(principal, request.id),
          bulkComplimentsFrom(answers),
        ),
      );
      if (!logged.ok) {
        const units = await unitChoices(principal.orgId);
        return reply.render(
          bulkTemplate,
          bulkComplimentsPage({ answers, errors: logged.errors, units }),
          422,
        );
      }
      const records = logged.data;
      const first = records[0]?.reference;
      const last = records.at(-1)?.reference;
      setSuccessMessage(
        request,
        records.length === 1
          ? `1 compliment has been logged: ${first}`
          : `${records.length} compliments have been logged: ${first} to ${last}`,
      );
      return reply.redirect('/cases?kind=compliment', 303);
    });
  };
}
