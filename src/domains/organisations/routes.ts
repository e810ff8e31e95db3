import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import type { Database } from '#src/db/engine.ts';
import { NotFound } from '#src/web/errors.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { attempt } from '#src/web/forms.ts';
import { actorOf, principalOf } from '#src/web/principal.ts';
import { unitApi } from './api.ts';
import {
  datePartsFromIso,
  parseEditUnitForm,
  parseMoveForm,
  parseNewUnitForm,
  parseRetireForm,
  type UnitAnswers,
  unitAnswersOf,
} from './forms.ts';
import { descendantIds, isoDateInLondon, isRetired, possibleParents, ukDate } from './rules.ts';
import {
  createUnit,
  importUnitTree,
  listUnits,
  moveUnit,
  retireUnit,
  type UnitRow,
  unitTree,
  updateUnit,
} from './service.ts';
import { decodeCsvFile, importSummary } from './unit-import.ts';
import { importReportPage, importUploadPage } from './views/import-model.ts';
import { editUnitPage, moveUnitPage, newUnitPage, retireUnitPage } from './views/unit-forms-model.ts';
import { unitPage, unitsPage } from './views/units-model.ts';

const canView = { access: { permission: 'units:view' } } as const;
const canManage = { access: { permission: 'units:manage' } } as const;

const templates = {
  units: 'organisations/views/units.njk',
  unit: 'organisations/views/unit.njk',
  form: 'organisations/views/unit-form.njk',
  move: 'organisations/views/unit-move.njk',
  retire: 'organisations/views/unit-retire.njk',
  upload: 'organisations/views/units-import.njk',
  report: 'organisations/views/units-import-report.njk',
};

type WithUnitId = { Params: { unitId: string } };
type FormBody = Record<string, unknown> | undefined;

const today = () => isoDateInLondon(new Date());
const maxCsvBytes = 2 * 1024 * 1024;

/** The /admin/units pages and the units API. */
export function organisationRoutes({ db }: DomainDependencies) {
  return async (app: FastifyInstance) => {
    unitApi(app, db);
    await app.register(unitTreePages(db));
    await app.register(unitChangePages(db));
    await app.register(unitImportPages(db));
  };
}

function unitTreePages(db: Database) {
  return async (app: FastifyInstance) => {
    app.get('/admin/units', { config: canView }, async (request, reply) => {
      const principal = principalOf(request);
      const includeRetired = (request.query as { retired?: string }).retired === 'yes';
      const tree = await unitTree(db, principal.orgId, { includeRetired });
      return reply.render(
        templates.units,
        unitsPage({
          tree,
          includeRetired,
          canManage: principal.permissions.has('units:manage'),
        }),
      );
    });

    app.get<WithUnitId>('/admin/units/:unitId', { config: canView }, async (request, reply) => {
      const principal = principalOf(request);
      const { unit, units } = await unitWithOthers(db, principal.orgId, request.params.unitId);
      return reply.render(
        templates.unit,
        unitPage({
          unit,
          parent: units.find((candidate) => candidate.unitId === unit.parentUnitId) ?? null,
          children: units.filter((candidate) => candidate.parentUnitId === unit.unitId),
          canManage: principal.permissions.has('units:manage'),
          today: today(),
          mayViewDashboard:
            principal.permissions.has('reports:view') &&
            (principal.unitScope === 'all' || descendantIds(units, principal.unitScope).has(unit.unitId)),
        }),
      );
    });
  };
}

function unitChangePages(db: Database) {
  return async (app: FastifyInstance) => {
    app.get('/admin/units/new', { config: canManage }, async (request, reply) => {
      const units = await listUnits(db, principalOf(request).orgId);
      const answers = { ...unitAnswersOf({}), activeFrom: datePartsFromIso(today()) };
      return reply.render(
        templates.form,
        newUnitPage({ answers, parents: possibleParents(units, null, today()) }),
      );
    });

    app.post('/admin/units/new', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const answers = unitAnswersOf(request.body as FormBody);
      const parsed = parseNewUnitForm(answers);
      const saved = parsed.ok
        ? await attemptUnitChange(() =>
            createUnit(db, principal.orgId, actorOf(principal, request.id), parsed.data),
          )
        : parsed;
      if (!saved.ok) {
        const parents = possibleParents(await listUnits(db, principal.orgId), null, today());
        return reply.render(templates.form, newUnitPage({ answers, errors: saved.errors, parents }), 422);
      }
      setSuccessMessage(request, `${saved.data.name} has been added`);
      return reply.redirect(`/admin/units/${saved.data.unitId}`, 303);
    });

    app.get<WithUnitId>('/admin/units/:unitId/edit', { config: canManage }, async (request, reply) => {
      const { unit } = await unitWithOthers(db, principalOf(request).orgId, request.params.unitId);
      return reply.render(templates.form, editUnitPage({ unit, answers: answersFromUnit(unit) }));
    });

    app.post<WithUnitId>('/admin/units/:unitId/edit', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const { unit } = await unitWithOthers(db, principal.orgId, request.params.unitId);
      const answers = unitAnswersOf(request.body as FormBody);
      const parsed = parseEditUnitForm(answers);
      const saved = parsed.ok
        ? await attemptUnitChange(() =>
            updateUnit(db, principal.orgId, actorOf(principal, request.id), unit.unitId, parsed.data),
          )
        : parsed;
      if (!saved.ok)
        return reply.render(templates.form, editUnitPage({ unit, answers, errors: saved.errors }), 422);
      setSuccessMessage(request, `Your changes to ${saved.data.name} have been saved`);
      return reply.redirect(`/admin/units/${unit.unitId}`, 303);
    });

    app.get<WithUnitId>('/admin/units/:unitId/move', { config: canManage }, async (request, reply) => {
      const { unit, units } = await unitWithOthers(db, principalOf(request).orgId, request.params.unitId);
      const parents = possibleParents(units, unit.unitId, today());
      return reply.render(
        templates.move,
        moveUnitPage({ unit, parents, chosenParentUnitId: unit.parentUnitId }),
      );
    });

    app.post<WithUnitId>('/admin/units/:unitId/move', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const { unit, units } = await unitWithOthers(db, principal.orgId, request.params.unitId);
      const parsed = parseMoveForm(request.body as FormBody);
      const saved = parsed.ok
        ? await attemptUnitChange(() =>
            moveUnit(
              db,
              principal.orgId,
              actorOf(principal, request.id),
              unit.unitId,
              parsed.data.parentUnitId,
            ),
          )
        : parsed;
      if (!saved.ok) {
        const parents = possibleParents(units, unit.unitId, today());
        const chosen = parsed.ok ? parsed.data.parentUnitId : null;
        const page = moveUnitPage({ unit, parents, chosenParentUnitId: chosen, errors: saved.errors });
        return reply.render(templates.move, page, 422);
      }
      const parent = units.find((candidate) => candidate.unitId === saved.data.parentUnitId);
      setSuccessMessage(
        request,
        parent
          ? `${unit.name} is now part of ${parent.name}`
          : `${unit.name} is now at the top of the organisation`,
      );
      return reply.redirect(`/admin/units/${unit.unitId}`, 303);
    });

    app.get<WithUnitId>('/admin/units/:unitId/retire', { config: canManage }, async (request, reply) => {
      const { unit, units } = await unitWithOthers(db, principalOf(request).orgId, request.params.unitId);
      const page = retireUnitPage({
        unit,
        activeTo: datePartsFromIso(unit.activeTo),
        openChildren: openChildrenOf(unit, units),
      });
      return reply.render(templates.retire, page);
    });

    app.post<WithUnitId>('/admin/units/:unitId/retire', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const { unit, units } = await unitWithOthers(db, principal.orgId, request.params.unitId);
      const answers = unitAnswersOf(request.body as FormBody);
      const parsed = parseRetireForm(answers);
      const saved = parsed.ok
        ? await attemptUnitChange(() =>
            retireUnit(
              db,
              principal.orgId,
              actorOf(principal, request.id),
              unit.unitId,
              parsed.data.activeTo,
            ),
          )
        : parsed;
      if (!parsed.ok || !saved.ok) {
        const page = retireUnitPage({
          unit,
          activeTo: answers.activeTo,
          openChildren: openChildrenOf(unit, units),
          errors: saved.ok ? {} : saved.errors,
        });
        return reply.render(templates.retire, page, 422);
      }
      setSuccessMessage(
        request,
        `${unit.name} is retired: its last day open is ${ukDate(parsed.data.activeTo)}`,
      );
      return reply.redirect(`/admin/units/${unit.unitId}`, 303);
    });
  };
}

function unitImportPages(db: Database) {
  return async (app: FastifyInstance) => {
    app.get('/admin/units/import', { config: canManage }, async (_request, reply) =>
      reply.render(templates.upload, importUploadPage()),
    );

    // A dry run: the upload is checked and reported, and nothing changes.
    app.post('/admin/units/import', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const upload = await uploadedCsv(request.body as { file?: unknown } | undefined);
      if ('problem' in upload)
        return reply.render(templates.upload, importUploadPage({ file: upload.problem }), 422);
      const actor = actorOf(principal, request.id);
      const report = await importUnitTree(db, principal.orgId, actor, upload.csvText, { dryRun: true });
      return reply.render(
        templates.report,
        importReportPage(report, upload.csvText),
        report.errors ? 422 : 200,
      );
    });

    // The checked text comes back in a hidden field and is checked again, so a change made
    // in the meantime is reported rather than applied over.
    app.post(
      '/admin/units/import/apply',
      { config: canManage, bodyLimit: 4 * maxCsvBytes },
      async (request, reply) => {
        const principal = principalOf(request);
        const csvText = (request.body as FormBody)?.csvText;
        if (typeof csvText !== 'string' || csvText.trim() === '') {
          return reply.render(templates.upload, importUploadPage({ file: 'Select a CSV file' }), 422);
        }
        const actor = actorOf(principal, request.id);
        const report = await importUnitTree(db, principal.orgId, actor, csvText, { dryRun: false });
        if (!report.applied) return reply.render(templates.report, importReportPage(report, csvText), 422);
        setSuccessMessage(request, importSummary(report));
        return reply.redirect('/admin/units', 303);
      },
    );
  };
}

async function uploadedCsv(
  body: { file?: unknown } | undefined,
): Promise<{ csvText: string } | { problem: string }> {
  const file = body?.file as MultipartFile | undefined;
  if (!file || typeof file.toBuffer !== 'function') return { problem: 'Select a CSV file' };
  const bytes = await file.toBuffer();
  if (bytes.length === 0 && !file.filename) return { problem: 'Select a CSV file' };
  if (!/\.csv$/i.test(file.filename) && !/csv/i.test(file.mimetype)) {
    return { problem: 'The selected file must be a CSV' };
  }
  if (bytes.length === 0) return { problem: 'The selected file is empty' };
  if (bytes.length > maxCsvBytes) return { problem: 'The selected file must be smaller than 2MB' };
  return { csvText: decodeCsvFile(bytes) };
}

async function unitWithOthers(db: Database, orgId: string, unitId: string) {
  const units = await listUnits(db, orgId);
  const unit = units.find((candidate) => candidate.unitId === unitId);
  if (!unit) throw new NotFound('There is no unit with that address in your organisation.');
  return { unit, units };
}

const openChildrenOf = (unit: UnitRow, units: UnitRow[]) =>
  units.filter((child) => child.parentUnitId === unit.unitId && !isRetired(child, today())).length;

function answersFromUnit(unit: UnitRow): UnitAnswers {
  return {
    name: unit.name,
    code: unit.code,
    kind: unit.kind,
    parentCode: '',
    activeFrom: datePartsFromIso(unit.activeFrom),
    activeTo: datePartsFromIso(unit.activeTo),
  };
}

/** A code clash is the one conflict a unit form can meet, so it is shown on the code field. */
const attemptUnitChange = <T>(work: () => Promise<T>) => attempt(work, 'code');
