import type { FastifyRequest } from 'fastify';
import type { Permission } from '#src/domains/identity/index.ts';
import type { Role } from '#src/domains/identity/schema.ts';
import { Unauthenticated } from './errors.ts';

/** Who is making a request: a signed-in member of staff or an integration's API key. */
export interface Principal {
  kind: 'user' | 'api_key';
  orgId: string;
  /** The user's or the API key's id. */
  id: string;
  name: string;
  email?: string;
  organisationName: string;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  /** Units (with their descendants) a unit-scoped grant covers; 'all' for organisation-wide roles. */
  unitScope: 'all' | readonly string[];
}

/**
 * Who is calling a route that needs someone signed in. The access guard has already
 * refused anyone else; this tells the compiler so.
 */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Unauthenticated();
  return request.principal;
}

/** The actor recorded in the audit trail for a write made on a principal's behalf. */
export interface Actor {
  kind: 'user' | 'api_key' | 'system';
  id: string | null;
  name: string;
  requestId?: string;
}

export function actorOf(principal: Principal, requestId?: string): Actor {
  return { kind: principal.kind, id: principal.id, name: principal.name, requestId };
}

export const systemActor = (name = 'Heard'): Actor => ({ kind: 'system', id: null, name });
