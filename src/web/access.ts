import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Permission } from '#src/domains/identity/index.ts';
import { Forbidden, Unauthenticated } from './errors.ts';
import type { Principal } from './principal.ts';

/**
 * Every route says who may call it. A route that says nothing stops the server from
 * starting, so nothing is ever reachable by accident.
 */
export type Access =
  /** Anyone, signed in or not: the public feedback pages, sign-in, health checks, assets. */
  | { public: true }
  /** A signed-in member of staff or an API key holding this permission. */
  | { permission: Permission; apiKeys?: boolean };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyInstance {
    /** Every route registered, with who may call it: read by the test that checks each role against each route. */
    routeAccess: RouteAccess[];
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

export interface AccessOptions {
  principalForUser(orgId: string, userId: string): Promise<Principal | null>;
  principalForApiKey(key: string): Promise<Principal | null>;
}

export const publicAccess: Access = { public: true };

const isApi = (url: string) => url.startsWith('/api/');

/** Registered before any route: refuses a route that does not declare its access, and lists every route. */
export const routeAccessPlugin = fp(async (app: FastifyInstance) => {
  const routeAccess: RouteAccess[] = [];
  app.decorate('routeAccess', routeAccess);
  app.addHook('onRoute', (route) => {
    // Files served by @fastify/static are public by nature.
    if (!route.config?.access && route.url.startsWith('/assets/')) {
      route.config = { ...route.config, access: publicAccess };
    }
    const access = route.config?.access;
    if (!access)
      throw new Error(`Route ${route.method} ${route.url} does not declare who may call it (config.access)`);
    for (const method of [route.method].flat()) routeAccess.push({ method, url: route.url, access });
  });
});

/** Registered after sessions: finds who is calling and enforces the route's declaration. */
export const accessGuardPlugin = fp(async (app: FastifyInstance, options: AccessOptions) => {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.principal = (await identify(request, options)) ?? undefined;
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    const principal = request.principal;
    if (!principal) {
      if (!isApi(request.url) && request.method === 'GET') {
        request.session.returnTo = request.url;
        return reply.redirect('/sign-in', 303);
      }
      throw new Unauthenticated(
        isApi(request.url) ? 'Send an API key as: Authorization: Bearer <key>' : undefined,
      );
    }
    if (principal.kind === 'api_key' && !access.apiKeys)
      throw new Forbidden('This page is not part of the API.');
    if (!principal.permissions.has(access.permission)) throw new Forbidden();
  });
});

async function identify(request: FastifyRequest, options: AccessOptions): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  if (isApi(request.url) && authorization?.startsWith('Bearer ')) {
    return options.principalForApiKey(authorization.slice('Bearer '.length).trim());
  }
  const { userId, orgId } = request.session ?? {};
  if (!userId || !orgId) return null;
  const principal = await options.principalForUser(orgId, userId);
  // A disabled or removed account ends the session at its next request.
  if (!principal) await request.session.destroy();
  return principal;
}
