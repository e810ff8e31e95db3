import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/engine.ts';
import { actionRoutes } from './domains/actions/routes.ts';
import { auditRoutes } from './domains/audit/routes.ts';
import { caseRoutes } from './domains/cases/routes.ts';
import { commentRoutes } from './domains/comments/routes.ts';
import { homeRoutes } from './domains/home/routes.ts';
import { principalForUser } from './domains/identity/index.ts';
import { identityRoutes } from './domains/identity/routes.ts';
import { apiCallAuditPlugin, principalForApiKey } from './domains/integrations/index.ts';
import { integrationRoutes } from './domains/integrations/routes.ts';
import { messageRoutes } from './domains/messages/routes.ts';
import { organisationRoutes } from './domains/organisations/routes.ts';
import { reportRoutes } from './domains/reports/routes.ts';
import { surveyRoutes } from './domains/surveys/routes.ts';
import { accessGuardPlugin, routeAccessPlugin } from './web/access.ts';
import { assetRoutes } from './web/assets.ts';
import { errorHandling } from './web/error-handler.ts';
import { healthRoutes } from './web/health.ts';
import { securityHeadersPlugin } from './web/security.ts';
import { sessionsPlugin } from './web/sessions.ts';
import { viewsPlugin } from './web/views.ts';

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
  sessionSecret: string;
  version?: string;
  /** Override the logger (tests pass false). */
  logger?: boolean | object;
}

/** The composition root: web plumbing first, then each domain's routes. Nothing else lives here. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, database } = deps;
  const db = database.db;
  const app = Fastify({
    logger: deps.logger ?? {
      level: config.LOG_LEVEL,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    trustProxy: config.TRUST_PROXY,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
  });
  await app.register(errorHandling);
  await app.register(routeAccessPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(healthRoutes(db, deps.version ?? 'dev'));
  await app.register(assetRoutes);
  await app.register(formbody);
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: 10 * 1024 * 1024, files: 1 },
  });
  await app.register(rateLimit, { global: false });
  await app.register(sessionsPlugin, {
    db,
    secret: deps.sessionSecret,
    hours: config.SESSION_HOURS,
    secureCookie: config.COOKIE_SECURE,
  });
  await app.register(accessGuardPlugin, {
    principalForUser: (orgId, userId) => principalForUser(db, orgId, userId),
    principalForApiKey: (key) => principalForApiKey(db, key),
  });
  await app.register(apiCallAuditPlugin, { db });
  await app.register(viewsPlugin);

  const domainDeps = { config, db, engine: database.kind };
  await app.register(identityRoutes(domainDeps));
  await app.register(homeRoutes(domainDeps));
  await app.register(organisationRoutes(domainDeps));
  await app.register(auditRoutes(domainDeps));
  await app.register(integrationRoutes(domainDeps));
  await app.register(messageRoutes(domainDeps));
  await app.register(caseRoutes(domainDeps));
  await app.register(actionRoutes(domainDeps));
  await app.register(surveyRoutes(domainDeps));
  await app.register(commentRoutes(domainDeps));
  await app.register(reportRoutes(domainDeps));
  return app;
}

export type DomainDependencies = { config: Config; db: DatabaseHandle['db']; engine: DatabaseHandle['kind'] };
