import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { isoDateInLondon } from '#src/domains/calendar/index.ts';
import { listUsers } from '#src/domains/identity/index.ts';
import { listUnits } from '#src/domains/organisations/index.ts';
import { Forbidden, NotFound } from '#src/web/errors.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { attempt, type FieldErrors, formBody } from '#src/web/forms.ts';
import { actorOf, type Principal, principalOf } from '#src/web/principal.ts';
import { offeredItems, referenceLists } from './reference-lists.ts';
import { type CasesService, casesService } from './service.ts';
import { mayTakeCaseAction } from './staff-access.ts';
import { type ActionForm, caseActionForms, issueOutcomeForm, newRecordFrom } from './staff-forms.ts';
import { casePage } from './views/staff/case-model.ts';
import { actionFormPage, type Choices, fixedChoices, newRecordPage } from './views/staff/form-model.ts';
import { deadlineFilters, queueFiltersOf, queuePage } from './views/staff/queue-model.ts';

const canView = { access: { permission: 'cases:view' } } as const;
const canManage = { access: { permission: 'cases:manage' } } as const;

const templates = {
  queue: 'cases/views/staff/queue.njk',
  case: 'cases/views/staff/case.njk',
  form: 'cases/views/staff/action-form.njk',
  newRecord: 'cases/views/staff/new-record.njk',
};

type WithCase = { Params: { recordId: string } };
type WithIssue = { Params: { recordId: string; issueId: string } };

// The service reads "today" from its clock; the pages use the same day for their tags.
const today = () => isoDateInLondon(new Date());

/** The complaints and PALS team's pages: log, find and run each case. */
export function staffCaseRoutes({ db, config }: DomainDependencies) {
  const cases = casesService({ db, config });

  async function unitChoices(orgId: string) {
    const units = await listUnits(db, orgId);
    return {
      names: new Map(units.map((unit) => [unit.unitId, unit.name])),
      choices: units.map((unit) => ({ value: unit.unitId, text: `${unit.name} (${unit.code})` })),
    };
  }

  async function investigators(orgId: string) {
    return (await listUsers(db, orgId))
      .filter((user) => !user.disabledAt && user.grants.some((grant) => grant.role === 'investigator'))
      .map((user) => ({ value: user.userId, text: user.displayName }));
  }

  async function choicesFor(orgId: string, form: ActionForm): Promise<Choices> {
    const lists = referenceLists();
    const asChoices = (items: readonly { code: string; name: string }[]) =>
      items.map((item) => ({ value: item.code, text: item.name }));
    const needs = new Set(form.fields.map((field) => field.choices));
    return {
      ...fixedChoices,
      units: needs.has('units') ? (await unitChoices(orgId)).choices : [],
      investigators: needs.has('investigators') ? await investigators(orgId) : [],
      subjects: asChoices(offeredItems(lists.ko41aSubjects)),
      staffGroups: asChoices(offeredItems(lists.staffGroups)),
    };
  }

  /** The case, refused unless this person may take `form`'s action on it. */
  async function caseFor(principal: Principal, recordId: string, form: ActionForm) {
    const view = await cases.getCase(principal, recordId);
    if (!mayTakeCaseAction(principal, view.details?.investigatorUserId ?? null, form.action)) {
      throw new Forbidden(
        'Only the complaints team, or the investigator assigned to this case, can do this.',
      );
    }
    return view;
  }

  async function renderForm(
    reply: FastifyReply,
    orgId: string,
    page: { form: ActionForm; reference: string; postTo: string; caseHref: string },
    answers: Record<string, unknown>,
    errors?: FieldErrors,
  ) {
    const model = actionFormPage({ ...page, answers, errors, choices: await choicesFor(orgId, page.form) });
    return reply.render(templates.form, model, errors ? 422 : 200);
  }

  async function submitForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: ActionForm,
    target: { recordId: string; issueId?: string; postTo: string },
  ) {
    const principal = principalOf(request);
    const view = await caseFor(principal, target.recordId, form);
    const caseHref = `/cases/${target.recordId}`;
    const answers = formBody(request.body);
    const saved = await attempt(() =>
      form.save(answers, {
        cases,
        orgId: principal.orgId,
        actor: actorOf(principal, request.id),
        recordId: target.recordId,
        issueId: target.issueId,
      }),
    );
    if (!saved.ok) {
      const page = { form, reference: view.record.reference, postTo: target.postTo, caseHref };
      return renderForm(reply, principal.orgId, page, answers, saved.errors);
    }
    setSuccessMessage(request, form.success(view.record.reference));
    return reply.redirect(caseHref, 303);
  }

  return async (app: FastifyInstance) => {
    app.get('/cases', { config: canView }, async (request, reply) => {
      const principal = principalOf(request);
      const filters = queueFiltersOf(formBody(request.query));
      const wanted = filters.deadline ? deadlineFilters[filters.deadline] : undefined;
      const rows = await cases.listCases(principal, {
        kind: filters.kind,
        status: filters.status,
        investigatorUserId: filters.mine ? principal.id : undefined,
        deadline: wanted ? { which: wanted.which, status: wanted.status } : undefined,
      });
      const { names } = await unitChoices(principal.orgId);
      return reply.render(
        templates.queue,
        queuePage({
          rows,
          unitNames: names,
          filters,
          today: today(),
          canLog: principal.permissions.has('cases:manage'),
          isInvestigator: principal.roles.includes('investigator'),
        }),
      );
    });

    app.get('/cases/new', { config: canManage }, async (request, reply) => {
      const { choices } = await unitChoices(principalOf(request).orgId);
      return reply.render(
        templates.newRecord,
        newRecordPage({ answers: { receivedDate: today() }, units: choices }),
      );
    });

    app.post('/cases/new', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const answers = formBody(request.body);
      const logged = await attempt(() =>
        cases.logRecord(principal.orgId, actorOf(principal, request.id), newRecordFrom(answers)),
      );
      if (!logged.ok || logged.data.outcome === 'offerConcern') {
        const { choices } = await unitChoices(principal.orgId);
        const offer = logged.ok && logged.data.outcome === 'offerConcern' ? logged.data.message : undefined;
        const errors = logged.ok ? undefined : logged.errors;
        return reply.render(
          templates.newRecord,
          newRecordPage({ answers, errors, units: choices, offer }),
          422,
        );
      }
      const { record, timeLimit } = logged.data;
      const late = timeLimit?.status === 'outside' ? ': it was made after the 12-month time limit' : '';
      setSuccessMessage(request, `${record.reference} has been logged${late}`);
      return reply.redirect(`/cases/${record.recordId}`, 303);
    });

    app.get<WithCase>('/cases/:recordId', { config: canView }, async (request, reply) => {
      const principal = principalOf(request);
      const view = await cases.getCase(principal, request.params.recordId);
      const lists = referenceLists();
      const names = (items: readonly { code: string; name: string }[]) =>
        new Map(items.map((item) => [item.code, item.name]));
      const people = await investigators(principal.orgId);
      const page = casePage(view, {
        unitNames: (await unitChoices(principal.orgId)).names,
        subjectNames: names(lists.ko41aSubjects.items),
        staffGroupNames: names(lists.staffGroups.items),
        investigatorNames: new Map(people.map((person) => [person.value, person.text])),
        allowed: (action) =>
          principal.permissions.has('cases:manage') &&
          mayTakeCaseAction(principal, view.details?.investigatorUserId ?? null, action),
        canSeeAudit: principal.permissions.has('audit:view'),
        today: today(),
      });
      return reply.render(templates.case, page);
    });

    for (const [path, form] of Object.entries(caseActionForms)) {
      app.get<WithCase>(`/cases/:recordId/${path}`, { config: canManage }, async (request, reply) => {
        const principal = principalOf(request);
        const { recordId } = request.params;
        const view = await caseFor(principal, recordId, form);
        const page = {
          form,
          reference: view.record.reference,
          postTo: `/cases/${recordId}/${path}`,
          caseHref: `/cases/${recordId}`,
        };
        return renderForm(reply, principal.orgId, page, form.startingAnswers(today()));
      });
      app.post<WithCase>(`/cases/:recordId/${path}`, { config: canManage }, async (request, reply) =>
        submitForm(request, reply, form, {
          recordId: request.params.recordId,
          postTo: `/cases/${request.params.recordId}/${path}`,
        }),
      );
    }

    const outcomePath = '/cases/:recordId/issues/:issueId/outcome';
    app.get<WithIssue>(outcomePath, { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const { recordId, issueId } = request.params;
      const view = await caseFor(principal, recordId, issueOutcomeForm);
      const issue = issueOf(view, issueId);
      const page = {
        form: issueOutcomeForm,
        reference: view.record.reference,
        postTo: `/cases/${recordId}/issues/${issueId}/outcome`,
        caseHref: `/cases/${recordId}`,
      };
      return renderForm(reply, principal.orgId, page, { outcome: issue.outcome ?? undefined });
    });
    app.post<WithIssue>(outcomePath, { config: canManage }, async (request, reply) => {
      const { recordId, issueId } = request.params;
      issueOf(await cases.getCase(principalOf(request), recordId), issueId);
      return submitForm(request, reply, issueOutcomeForm, {
        recordId,
        issueId,
        postTo: `/cases/${recordId}/issues/${issueId}/outcome`,
      });
    });
  };
}

function issueOf(view: Awaited<ReturnType<CasesService['getCase']>>, issueId: string) {
  const issue = view.issues.find((candidate) => candidate.issueId === issueId);
  if (!issue) throw new NotFound('There is no issue with that identifier on this case.');
  return issue;
}
