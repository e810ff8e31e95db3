import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { DomainDependencies } from '#src/app.ts';
import { isoDateInLondon, type Period, parsePeriod, quarterContaining } from '#src/domains/calendar/index.ts';
import { listOrganisations, listUnits, unitIdsVisibleTo } from '#src/domains/organisations/index.ts';
import { Invalid, NotFound } from '#src/web/errors.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { formBody } from '#src/web/forms.ts';
import { actorOf, type Principal, principalOf } from '#src/web/principal.ts';
import { fftSubmissionCsv } from './exports.ts';
import { fftResults, questionResults } from './results.ts';
import { editSurvey, listSurveys, publishedSurvey, setEligibleCount, surveyVersions } from './service.ts';
import { surveyHref } from './views/public-models.ts';
import {
  fftResultsPage,
  questionResultsPage,
  surveyAdminPage,
  surveyListPage,
} from './views/staff-models.ts';

// The staff survey pages: results for a period (reports:view), the NHS England monthly FFT file,
// and for those who run the surveys (surveys:manage) editing questions, eligible counts, and each
// unit's link, kiosk and QR code.

const view = (name: string) => `surveys/views/staff/${name}.njk`;
const reports = { access: { permission: 'reports:view' } } as const;
const manage = { access: { permission: 'surveys:manage' } } as const;

type SurveyParams = { Params: { surveyCode: string } };
type ResultsRequest = SurveyParams & { Querystring: { period?: string; month?: string } };

/** The period asked for, or this quarter; a period that cannot be read comes back with its problem. */
function periodOf(text: string | undefined): { period: Period; problem?: string } {
  const fallback = quarterContaining(isoDateInLondon(new Date()));
  if (!text) return { period: fallback };
  try {
    return { period: parsePeriod(text) };
  } catch (error) {
    if (error instanceof Invalid) return { period: fallback, problem: error.message };
    throw error;
  }
}

export function staffSurveyRoutes({ db, config }: DomainDependencies) {
  /**
   * The units whose responses a reader's results count, as for cases: a service manager's units and
   * those below them; everyone else who may see results, the whole organisation. The names say so
   * on the page.
   */
  async function resultScope(principal: Principal) {
    const units = await unitIdsVisibleTo(db, principal);
    if (units === 'all') return { units, scopeNames: null };
    const grantedNames = (await listUnits(db, principal.orgId))
      .filter((unit) => principal.unitScope !== 'all' && principal.unitScope.includes(unit.unitId))
      .map((unit) => unit.name);
    return { units, scopeNames: grantedNames };
  }

  return async (app: FastifyInstance) => {
    app.get('/surveys', { config: reports }, async (request, reply) => {
      const principal = principalOf(request);
      const surveys = await listSurveys(db, principal.orgId);
      return reply.render(view('list'), surveyListPage(surveys, principal.permissions.has('surveys:manage')));
    });

    app.get<ResultsRequest>('/surveys/results/:surveyCode', { config: reports }, async (request, reply) => {
      const principal = principalOf(request);
      const { orgId } = principal;
      const { period, problem } = periodOf(request.query.period);
      const { survey } = await publishedSurvey(db, orgId, request.params.surveyCode);
      const { units, scopeNames } = await resultScope(principal);
      if (survey.purpose === 'fft') {
        const results = await fftResults(db, orgId, survey.code, period, units);
        return reply.render(
          view('fft-results'),
          fftResultsPage(results, problem, scopeNames),
          problem ? 422 : 200,
        );
      }
      const results = await questionResults(db, orgId, survey.code, period, units);
      return reply.render(
        view('question-results'),
        questionResultsPage(results, problem, scopeNames),
        problem ? 422 : 200,
      );
    });

    app.get<ResultsRequest>(
      '/surveys/results/:surveyCode/submission.csv',
      { config: reports },
      async (request, reply) => {
        const principal = principalOf(request);
        const month = request.query.month ?? '';
        if (!/^\d{4}-\d{2}$/.test(month)) throw new Invalid('Give the month as YYYY-MM, for example 2017-09');
        const { units: visible, scopeNames } = await resultScope(principal);
        const results = await fftResults(
          db,
          principal.orgId,
          request.params.surveyCode,
          parsePeriod(month),
          visible,
        );
        const units = await listUnits(db, principal.orgId);
        const codes = new Map(units.map((unit) => [unit.unitId, unit.code]));
        // A reader limited to some units gets their units' lines, and a total named for them.
        const organisation = {
          odsCode: await odsCodeOf(principal.orgId),
          name:
            scopeNames === null
              ? principal.organisationName
              : `${principal.organisationName}: ${scopeNames.join(', ')}`,
        };
        const csv = results.scales.map((scale) => fftSubmissionCsv(scale, codes, organisation)).join('\r\n');
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="fft-${request.params.surveyCode}-${month}.csv"`,
          )
          .send(csv || 'No responses in this month\r\n');
      },
    );

    /** The signed-in organisation's ODS code, for the submission file and the public addresses. */
    async function odsCodeOf(orgId: string) {
      return (
        (await listOrganisations(db)).find((organisation) => organisation.orgId === orgId)?.odsCode ?? ''
      );
    }

    app.get<SurveyParams>('/surveys/admin/:surveyCode', { config: manage }, async (request, reply) => {
      const { orgId } = principalOf(request);
      const { survey, versions } = await surveyVersions(db, orgId, request.params.surveyCode);
      return reply.render(view('admin'), surveyAdminPage({ survey, versions }));
    });

    app.post<SurveyParams>('/surveys/admin/:surveyCode', { config: manage }, async (request, reply) => {
      const principal = principalOf(request);
      const { survey, versions } = await surveyVersions(db, principal.orgId, request.params.surveyCode);
      const published = await publishedSurvey(db, principal.orgId, survey.code);
      const body = formBody(request.body);
      const values = Object.fromEntries(
        Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
      const errors: Record<string, string> = {};
      const questions = published.definition.questions.map((question, index) => {
        const text = (values[`text-${index}`] ?? question.text).trim();
        if (!text) errors[`text-${index}`] = `Enter the wording of question ${index + 1}`;
        else if (text.length > 500)
          errors[`text-${index}`] = `Question ${index + 1} must be 500 characters or fewer`;
        if (question.target === undefined) return { ...question, text };
        const targetText = (values[`target-${index}`] ?? '').trim();
        const target = Number(targetText);
        if (!/^\d{1,3}$/.test(targetText) || target > 100) {
          errors[`target-${index}`] =
            `Enter the target for question ${index + 1} as a whole number from 0 to 100`;
        }
        return { ...question, text, target };
      });
      const unchanged = JSON.stringify(questions) === JSON.stringify(published.definition.questions);
      if (unchanged && Object.keys(errors).length === 0)
        errors['text-0'] = 'Change a question or a target before publishing a new version';
      if (Object.keys(errors).length > 0) {
        return reply.render(view('admin'), surveyAdminPage({ survey, versions, values, errors }), 422);
      }
      const { version } = await editSurvey(db, principal.orgId, actorOf(principal, request.id), survey.code, {
        note: `Edited by ${principal.name}`,
        questions,
      });
      setSuccessMessage(request, `Version ${version} of ${survey.name} is published`);
      return reply.redirect(`/surveys/admin/${survey.code}`, 303);
    });

    app.post<SurveyParams>(
      '/surveys/admin/:surveyCode/eligible',
      { config: manage },
      async (request, reply) => {
        const principal = principalOf(request);
        const { survey, versions } = await surveyVersions(db, principal.orgId, request.params.surveyCode);
        const body = formBody(request.body);
        const values = {
          unitCode: String(body.unitCode ?? '').trim(),
          month: String(body.month ?? '').trim(),
          eligible: String(body.eligible ?? '').trim(),
        };
        const units = await listUnits(db, principal.orgId);
        const unit = units.find(
          (candidate) => candidate.code.toUpperCase() === values.unitCode.toUpperCase(),
        );
        const errors: Record<string, string> = {};
        if (!unit) errors.unitCode = 'Enter the code of one of the organisation’s units';
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month))
          errors.month = 'Enter the month as YYYY-MM, like 2017-09';
        if (!/^\d{1,7}$/.test(values.eligible))
          errors.eligible = 'Enter the number of people as a whole number, like 120';
        if (!unit || Object.keys(errors).length > 0) {
          return reply.render(view('admin'), surveyAdminPage({ survey, versions, values, errors }), 422);
        }
        await setEligibleCount(db, principal.orgId, actorOf(principal, request.id), {
          surveyCode: survey.code,
          unitId: unit.unitId,
          month: values.month,
          eligible: Number(values.eligible),
        });
        setSuccessMessage(
          request,
          `${values.eligible} people eligible at ${unit.name} in ${values.month} saved`,
        );
        return reply.redirect(`/surveys/admin/${survey.code}`, 303);
      },
    );

    const baseUrlOf = (request: FastifyRequest) =>
      config.PUBLIC_URL?.replace(/\/$/, '') ?? `${request.protocol}://${request.host}`;

    app.get<SurveyParams>('/surveys/links/:surveyCode', { config: manage }, async (request, reply) => {
      const principal = principalOf(request);
      const { survey } = await publishedSurvey(db, principal.orgId, request.params.surveyCode);
      const odsCode = await odsCodeOf(principal.orgId);
      const today = isoDateInLondon(new Date());
      const units = (await listUnits(db, principal.orgId)).filter(
        (unit) =>
          (unit.kind === 'team' || unit.kind === 'ward' || unit.kind === 'service') &&
          (!unit.activeTo || unit.activeTo >= today),
      );
      const base = baseUrlOf(request);
      return reply.render(view('links'), {
        pageTitle: `Links and QR codes: ${survey.name}`,
        heading: `Links and QR codes: ${survey.name}`,
        units: units.map((unit) => {
          const address = { odsCode, surveyCode: survey.code, unitCode: unit.code };
          return {
            name: unit.name,
            code: unit.code,
            publicHref: surveyHref(address),
            publicUrl: `${base}${surveyHref(address)}`,
            kioskHref: surveyHref(address, '/kiosk'),
            qrHref: `/surveys/links/${survey.code}/${encodeURIComponent(unit.code)}/qr.svg`,
          };
        }),
      });
    });

    app.get<{ Params: { surveyCode: string; unitCode: string } }>(
      '/surveys/links/:surveyCode/:unitCode/qr.svg',
      { config: manage },
      async (request, reply) => {
        const principal = principalOf(request);
        const { survey } = await publishedSurvey(db, principal.orgId, request.params.surveyCode);
        const unit = (await listUnits(db, principal.orgId)).find(
          (candidate) => candidate.code === request.params.unitCode,
        );
        if (!unit) throw new NotFound('There is no unit with that code.');
        const url = `${baseUrlOf(request)}${surveyHref({ odsCode: await odsCodeOf(principal.orgId), surveyCode: survey.code, unitCode: unit.code })}`;
        const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
        return reply
          .type('image/svg+xml; charset=utf-8')
          .header('content-disposition', `inline; filename="qr-${survey.code}-${unit.code}.svg"`)
          .send(svg);
      },
    );
  };
}
