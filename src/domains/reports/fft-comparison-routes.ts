import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Invalid } from '#src/web/errors.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { errorSummaryList, formBody } from '#src/web/forms.ts';
import { actorOf, principalOf } from '#src/web/principal.ts';
import { fftSettingNames, fftSettings } from './fft-published.ts';
import type { ReportsService } from './service.ts';

// The page where a quality lead chooses the peer trusts the quarterly report compares the FFT
// with (reports:manage to change them; everyone with reports:view may see them and what
// published data is held). The published data itself comes in with `heard import fft-published`.

const view = { config: { access: { permission: 'reports:view' as const } } };
const manage = { config: { access: { permission: 'reports:manage' as const } } };

export function fftComparisonRoutes(app: FastifyInstance, reports: ReportsService) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    form?: { values: Record<string, unknown>; errors: Record<string, string> },
  ) {
    const principal = principalOf(request);
    const held = await reports.fftComparisonSettings(principal.orgId);
    const setting = typeof form?.values.setting === 'string' ? form.values.setting : (held.setting ?? '');
    const months = held.setting ? (held.months.get(held.setting) ?? []) : [];
    return reply.render(
      'reports/views/fft-comparison.njk',
      {
        pageTitle: 'FFT comparison with peer trusts',
        mayManage: principal.permissions.has('reports:manage'),
        settingName: held.setting ? fftSettingNames[held.setting] : null,
        peers: held.peerCodes.map((code) => ({
          code,
          name: held.providers.get(code) ?? 'Not in the imported data',
        })),
        monthsText:
          months.length === 0
            ? null
            : months.length === 1
              ? months[0]
              : `${months.length} months, ${months[0]} to ${months.at(-1)}`,
        settings: [
          { value: '', text: 'Select a care setting' },
          ...fftSettings.map((value) => ({
            value,
            text: fftSettingNames[value],
            selected: value === setting,
          })),
        ],
        peerCodes:
          typeof form?.values.peerCodes === 'string' ? form.values.peerCodes : held.peerCodes.join('\n'),
        errors: form?.errors ?? {},
        errorList: form ? errorSummaryList(form.errors, ['setting', 'peerCodes']) : [],
        hasErrors: Boolean(form),
      },
      form ? 422 : 200,
    );
  }

  app.get('/reports/fft-comparison', view, async (request, reply) => render(request, reply));

  app.post('/reports/fft-comparison', manage, async (request, reply) => {
    const principal = principalOf(request);
    const body = formBody(request.body);
    const values = {
      setting: typeof body.setting === 'string' && body.setting !== '' ? body.setting : undefined,
      peerCodes: typeof body.peerCodes === 'string' ? body.peerCodes : '',
    };
    try {
      await reports.setFftComparison(principal.orgId, actorOf(principal, request.id), values);
    } catch (error) {
      if (error instanceof Invalid && Object.keys(error.fieldErrors).length > 0)
        return render(request, reply, { values: body, errors: error.fieldErrors });
      throw error;
    }
    setSuccessMessage(request, 'The peer trusts are saved');
    return reply.redirect('/reports/fft-comparison', 303);
  });
}
