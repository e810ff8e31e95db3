import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import { takeSuccessMessage } from './flash.ts';
import { navigationFor } from './navigation.ts';

const root = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * Nunjucks looks in our shared views, in each domain folder (so a domain's template is
 * `organisations/views/units.njk`) and in nhsuk-frontend's dist (for `nhsuk/components/...`).
 */
export function createTemplateEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [root('./views'), root('../domains'), root('../../node_modules/nhsuk-frontend/dist')],
      { noCache: process.env.NODE_ENV === 'development' },
    ),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  env.addFilter('ukDate', (value: unknown) => formatUkDate(value));
  env.addFilter('ukDateTime', (value: unknown) => formatUkDateTime(value));
  return env;
}

export function formatUkDate(value: unknown): string {
  const date = toDate(value);
  return date
    ? date.toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'Europe/London',
      })
    : '';
}

export function formatUkDateTime(value: unknown): string {
  const date = toDate(value);
  return date
    ? date.toLocaleString('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: 'Europe/London',
      })
    : '';
}

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === 'string' && value) return new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  return null;
}

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Renders a template inside the NHS.UK layout with what every page needs (nonce, CSRF token,
     * navigation, and the success message left by the last form).
     */
    render(template: string, model?: Record<string, unknown>, status?: number): Promise<FastifyReply>;
  }
}

export const viewsPlugin = fp(async (app: FastifyInstance) => {
  const env = createTemplateEnvironment();
  app.decorateReply('render', async function render(this: FastifyReply, template, model = {}, status = 200) {
    const html = env.render(template, { ...(await pageContext(this.request, this)), ...model });
    return this.status(status).type('text/html; charset=utf-8').send(html);
  });
});

async function pageContext(request: FastifyRequest, reply: FastifyReply) {
  const principal = request.principal;
  return {
    cspNonce: reply.cspNonce?.script,
    assetPath: '/assets',
    csrfToken: request.session ? await reply.generateCsrf() : undefined,
    currentPath: request.url.split('?')[0],
    principal,
    organisationName: principal?.organisationName,
    navigation: navigationFor(principal, request.url),
    successMessage: takeSuccessMessage(request),
  };
}
