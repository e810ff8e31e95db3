import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { isoDateInLondon } from '#src/domains/calendar/index.ts';
import { listUsers } from '#src/domains/identity/index.ts';
import { listUnits, unitIdsVisibleTo } from '#src/domains/organisations/index.ts';
import { Forbidden, NotFound } from '#src/web/errors.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { attempt, type FieldErrors, formBody } from '#src/web/forms.ts';
import { actorOf, type Principal, principalOf } from '#src/web/principal.ts';
import { maySeePersonalData } from './access.ts';
import { CaseMovedOn, type ExpectedVersion } from './case-changes.ts';
import type { CaseFilters } from './case-reads.ts';
import { documentReads } from './document-reads.ts';
import { editDetailsForm } from './edit-details-form.ts';
import { followUpReads } from './follow-up-reads.ts';
import { clinicalTreatmentSubject } from './ko41a-codes.ts';
import { offeredItems, referenceLists } from './reference-lists.ts';
import { savedCaseViews } from './saved-views.ts';
import { type CasesService, casesService } from './service.ts';
import { mayTakeCaseAction } from './staff-access.ts';
import {
  type ActionForm,
  caseActionForms,
  issueKo41aForm,
  issueOutcomeForm,
  newRecordFrom,
  notKnownAnswer,
} from './staff-forms.ts';
import { caseTasksService } from './tasks.ts';
import { casePage } from './views/staff/case-model.ts';
import { actionFormPage, type Choices, fixedChoices, newRecordPage } from './views/staff/form-model.ts';
import {
  deadlineFilters,
  type QueueFilters,
  queueFiltersOf,
  queuePage,
  queuePageOf,
  queueQueryString,
} from './views/staff/queue-model.ts';

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
type WithView = { Params: { viewId: string } };

// The service reads "today" from its clock; the pages use the same day for their tags.
const today = () => isoDateInLondon(new Date());

const notKnown = { value: notKnownAnswer, text: 'Not known' };

/** Every action page reached from a case, by the last part of its address. */
const actionForms: Record<string, ActionForm> = { ...caseActionForms, 'edit-details': editDetailsForm };

/** The version of the case a form's page showed, from its hidden field; undefined when not sent. */
function postedVersion(answers: Record<string, unknown>): number | undefined {
  const version = Number(answers.caseVersion);
  return Number.isInteger(version) && version >= 1 ? version : undefined;
}

/** A form as one person sees it: without the personal fields they may not see. */
const shownTo = (form: ActionForm, seesPersonalData: boolean): ActionForm =>
  form.fieldsFor ? { ...form, fields: form.fieldsFor({ seesPersonalData }) } : form;

/** The queue's filters as the service takes them. */
function caseFiltersOf(filters: QueueFilters, principal: Principal): CaseFilters {
  const deadline = filters.deadline ? deadlineFilters[filters.deadline] : undefined;
  return {
    kind: filters.kind,
    status: filters.status,
    unitId: filters.unitId,
    investigatorUserId: filters.investigatorUserId,
    mineOf: filters.mine ? principal.id : undefined,
    deadline: deadline ? { which: deadline.which, status: deadline.status } : undefined,
    search: filters.q,
  };
}

/** The complaints and PALS team's pages: log, find and run each case. */
export function staffCaseRoutes({ db, config }: DomainDependencies) {
  const cases = casesService({ db, config });
  const views = savedCaseViews({ db });

  /**
   * The services one save uses: each refuses a change to the case once it has moved on from the
   * version the person's page showed (issue 4, concurrency), so every form is checked.
   */
  const servicesFor = (expectedVersion: ExpectedVersion | undefined) => ({
    cases: casesService({ db, config, expectedVersion }),
    tasks: caseTasksService({ db, expectedVersion }),
  });

  async function unitChoices(orgId: string) {
    const units = await listUnits(db, orgId);
    return {
      names: new Map(units.map((unit) => [unit.unitId, unit.name])),
      choices: units.map((unit) => ({ value: unit.unitId, text: `${unit.name} (${unit.code})` })),
    };
  }

  async function activeStaff(orgId: string) {
    return (await listUsers(db, orgId)).filter((user) => !user.disabledAt);
  }

  async function investigators(orgId: string) {
    return (await activeStaff(orgId))
      .filter((user) => user.grants.some((grant) => grant.role === 'investigator'))
      .map((user) => ({ value: user.userId, text: user.displayName }));
  }

  /** A complaint's KO41a age bands and statuses as radios, each item's description as its hint. */
  function complaintKo41aChoices(): Pick<Choices, 'ko41aAgeBands' | 'ko41aComplainantStatuses'> {
    const lists = referenceLists();
    const asRadios = (items: readonly { code: string; name: string; description?: string }[]) =>
      items.map((item) => ({ value: item.code, text: item.name, hint: item.description }));
    // Each new complaint counts once under an age band and a status: "Not known" is an answer.
    return {
      ko41aAgeBands: [...asRadios(offeredItems(lists.ko41aAgeBands)), notKnown],
      ko41aComplainantStatuses: [...asRadios(offeredItems(lists.ko41aComplainantStatuses)), notKnown],
    };
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
      staff: needs.has('staff')
        ? (await activeStaff(orgId)).map((user) => ({ value: user.userId, text: user.displayName }))
        : [],
      subjects: asChoices(offeredItems(lists.ko41aSubjects)),
      staffGroups: asChoices(offeredItems(lists.staffGroups)),
      ...complaintKo41aChoices(),
      ko41aServiceAreas: asChoices(offeredItems(lists.ko41aServiceAreas)),
      ko41aClinicalTreatment: asChoices(offeredItems(lists.ko41aClinicalTreatment)),
    };
  }

  /** The case, refused unless this person may take `form`'s action on it; not a read of its details. */
  async function caseFor(principal: Principal, recordId: string, form: ActionForm) {
    const current = await cases.caseToChange(principal, recordId);
    if (!mayTakeCaseAction(principal, current.details?.investigatorUserId ?? null, form.action)) {
      throw new Forbidden(
        'Only the complaints team, or the investigator assigned to this case, can do this.',
      );
    }
    return current;
  }

  interface FormPage {
    form: ActionForm;
    reference: string;
    postTo: string;
    caseHref: string;
    caseVersion: number | undefined;
  }

  async function renderForm(
    reply: FastifyReply,
    orgId: string,
    page: FormPage,
    answers: Record<string, unknown>,
    errors?: FieldErrors,
  ) {
    const model = actionFormPage({ ...page, answers, errors, choices: await choicesFor(orgId, page.form) });
    return reply.render(templates.form, model, errors ? 422 : 200);
  }

  /** Shows a form on a case, with the answers it starts from and the version of the case it shows. */
  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: ActionForm,
    target: { recordId: string; postTo: string; answers?: Record<string, unknown> },
  ) {
    const principal = principalOf(request);
    const { recordId } = target;
    const current = await caseFor(principal, recordId, form);
    const seesPersonalData = maySeePersonalData(principal, current.details?.investigatorUserId ?? null);
    // A form that shows the case's details is a read of the case, and is recorded as one.
    const shown = form.readsCase
      ? await cases.getCase(principal, recordId, { requestId: request.id })
      : current;
    const page = {
      form: shownTo(form, seesPersonalData),
      reference: current.record.reference,
      postTo: target.postTo,
      caseHref: `/cases/${recordId}`,
      caseVersion: current.record.version,
    };
    return renderForm(reply, principal.orgId, page, target.answers ?? form.startingAnswers(today(), shown));
  }

  async function submitForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: ActionForm,
    target: { recordId: string; issueId?: string; postTo: string },
  ) {
    const principal = principalOf(request);
    const { recordId } = target;
    const current = await caseFor(principal, recordId, form);
    const seesPersonalData = maySeePersonalData(principal, current.details?.investigatorUserId ?? null);
    const shown = shownTo(form, seesPersonalData);
    const answers = formBody(request.body);
    const version = postedVersion(answers);
    const services = servicesFor(version === undefined ? undefined : { recordId, version });
    let movedOn = false;
    const saved = await attempt(async () => {
      try {
        // Checked here as well as under the case's lock, for a form whose service does not lock it.
        await services.cases.refuseIfMovedOn(principal.orgId);
        return await shown.save(answers, {
          ...services,
          orgId: principal.orgId,
          actor: actorOf(principal, request.id),
          recordId,
          issueId: target.issueId,
          seesPersonalData,
        });
      } catch (error) {
        movedOn = error instanceof CaseMovedOn;
        throw error;
      }
    });
    if (!saved.ok) {
      // Told what changed, the person may look at the case, or save their answers again over it.
      const caseVersion = movedOn ? (await cases.caseToChange(principal, recordId)).record.version : version;
      const page = {
        form: shown,
        reference: current.record.reference,
        postTo: target.postTo,
        caseHref: `/cases/${recordId}`,
        caseVersion,
      };
      return renderForm(reply, principal.orgId, page, answers, saved.errors);
    }
    setSuccessMessage(request, form.success(current.record.reference));
    return reply.redirect(`/cases/${recordId}`, 303);
  }

  /** The work queue page for these filters, with the person's saved views. */
  async function renderQueue(
    request: FastifyRequest,
    reply: FastifyReply,
    filters: QueueFilters,
    page: number,
    saving?: { viewName: string; errors: FieldErrors },
  ) {
    const principal = principalOf(request);
    const found = await cases.listCases(principal, caseFiltersOf(filters, principal), { page });
    const { names, choices } = await unitChoices(principal.orgId);
    const visible = await unitIdsVisibleTo(db, principal);
    const model = queuePage({
      rows: found.cases,
      total: found.total,
      page: found.page,
      pageCount: found.pageCount,
      unitNames: names,
      units: choices.filter((unit) => visible === 'all' || visible.has(unit.value)),
      investigators: await investigators(principal.orgId),
      filters,
      savedViews: await views.viewsFor(principal),
      today: today(),
      canLog: principal.permissions.has('cases:manage'),
      canAdminister: principal.permissions.has('cases:administer'),
      hasOwnCases: principal.permissions.has('cases:manage'),
      viewName: saving?.viewName,
      errors: saving?.errors,
    });
    return reply.render(templates.queue, model, saving ? 422 : 200);
  }

  return async (app: FastifyInstance) => {
    app.get('/cases', { config: canView }, async (request, reply) => {
      const query = formBody(request.query);
      return renderQueue(request, reply, queueFiltersOf(query), queuePageOf(query));
    });

    app.post('/cases/views', { config: canView }, async (request, reply) => {
      const principal = principalOf(request);
      const answers = formBody(request.body);
      const filters = queueFiltersOf(Object.fromEntries(new URLSearchParams(String(answers.query ?? ''))));
      const name = String(answers.name ?? '');
      const query = queueQueryString(filters);
      const saved = await attempt(() => views.saveView(principal, { name, query }, request.id));
      if (!saved.ok) return renderQueue(request, reply, filters, 1, { viewName: name, errors: saved.errors });
      setSuccessMessage(request, `Your view ‘${saved.data.name}’ has been saved`);
      return reply.redirect(query ? `/cases?${query}` : '/cases', 303);
    });

    app.post<WithView>('/cases/views/:viewId/delete', { config: canView }, async (request, reply) => {
      const deleted = await views.deleteView(principalOf(request), request.params.viewId, request.id);
      setSuccessMessage(request, `Your view ‘${deleted.name}’ has been deleted`);
      return reply.redirect('/cases', 303);
    });

    app.get('/cases/new', { config: canManage }, async (request, reply) => {
      const { choices } = await unitChoices(principalOf(request).orgId);
      return reply.render(
        templates.newRecord,
        newRecordPage({ answers: { receivedDate: today() }, units: choices, ko41a: complaintKo41aChoices() }),
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
          newRecordPage({ answers, errors, units: choices, ko41a: complaintKo41aChoices(), offer }),
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
      const view = await cases.getCase(principal, request.params.recordId, { requestId: request.id });
      const lists = referenceLists();
      const names = (items: readonly { code: string; name: string }[]) =>
        new Map(items.map((item) => [item.code, item.name]));
      const people = await investigators(principal.orgId);
      const page = casePage(view, {
        unitNames: (await unitChoices(principal.orgId)).names,
        subjectNames: names(lists.ko41aSubjects.items),
        staffGroupNames: names(lists.staffGroups.items),
        ko41aNames: {
          ageBands: names(lists.ko41aAgeBands.items),
          complainantStatuses: names(lists.ko41aComplainantStatuses.items),
          serviceAreas: names(lists.ko41aServiceAreas.items),
          clinicalTreatment: names(lists.ko41aClinicalTreatment.items),
        },
        investigatorNames: new Map(people.map((person) => [person.value, person.text])),
        allowed: (action) =>
          principal.permissions.has('cases:manage') &&
          // A destroyed file takes nothing new (case-changes.ts).
          !view.record.destroyedDate &&
          mayTakeCaseAction(principal, view.details?.investigatorUserId ?? null, action),
        canSeeAudit: principal.permissions.has('audit:view'),
        followUp: await followUpReads({ db }).followUpOf(principal, view),
        documents: await documentReads({ db }).documentsOf(principal, view),
        today: today(),
      });
      return reply.render(templates.case, page);
    });

    for (const [path, form] of Object.entries(actionForms)) {
      const postTo = (recordId: string) => `/cases/${recordId}/${path}`;
      app.get<WithCase>(`/cases/:recordId/${path}`, { config: canManage }, async (request, reply) =>
        showForm(request, reply, form, {
          recordId: request.params.recordId,
          postTo: postTo(request.params.recordId),
        }),
      );
      app.post<WithCase>(`/cases/:recordId/${path}`, { config: canManage }, async (request, reply) =>
        submitForm(request, reply, form, {
          recordId: request.params.recordId,
          postTo: postTo(request.params.recordId),
        }),
      );
    }

    const outcomePath = '/cases/:recordId/issues/:issueId/outcome';
    const outcomeHref = (recordId: string, issueId: string) => `/cases/${recordId}/issues/${issueId}/outcome`;
    app.get<WithIssue>(outcomePath, { config: canManage }, async (request, reply) => {
      const { recordId, issueId } = request.params;
      const issue = issueOf(await cases.caseToChange(principalOf(request), recordId), issueId);
      return showForm(request, reply, issueOutcomeForm, {
        recordId,
        postTo: outcomeHref(recordId, issueId),
        answers: { outcome: issue.outcome ?? undefined },
      });
    });
    app.post<WithIssue>(outcomePath, { config: canManage }, async (request, reply) => {
      const { recordId, issueId } = request.params;
      issueOf(await cases.caseToChange(principalOf(request), recordId), issueId);
      return submitForm(request, reply, issueOutcomeForm, {
        recordId,
        issueId,
        postTo: outcomeHref(recordId, issueId),
      });
    });

    // An issue's KO41a service area and sub-category, for issues added without them.
    const ko41aPath = '/cases/:recordId/issues/:issueId/ko41a';
    const ko41aHref = (recordId: string, issueId: string) => `/cases/${recordId}/issues/${issueId}/ko41a`;
    app.get<WithIssue>(ko41aPath, { config: canManage }, async (request, reply) => {
      const { recordId, issueId } = request.params;
      const issue = issueOf(await cases.caseToChange(principalOf(request), recordId), issueId);
      return showForm(request, reply, issueKo41aForm(issue.subjectCode === clinicalTreatmentSubject), {
        recordId,
        postTo: ko41aHref(recordId, issueId),
        answers: {
          serviceAreaCode: issue.serviceAreaCode ?? undefined,
          clinicalTreatmentCode: issue.clinicalTreatmentCode ?? undefined,
        },
      });
    });
    app.post<WithIssue>(ko41aPath, { config: canManage }, async (request, reply) => {
      const { recordId, issueId } = request.params;
      const issue = issueOf(await cases.caseToChange(principalOf(request), recordId), issueId);
      return submitForm(request, reply, issueKo41aForm(issue.subjectCode === clinicalTreatmentSubject), {
        recordId,
        issueId,
        postTo: ko41aHref(recordId, issueId),
      });
    });
  };
}

function issueOf(current: Awaited<ReturnType<CasesService['caseToChange']>>, issueId: string) {
  const issue = current.issues.find((candidate) => candidate.issueId === issueId);
  if (!issue) throw new NotFound('There is no issue with that identifier on this case.');
  return issue;
}
