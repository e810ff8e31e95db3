import { createHash } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import fastifySession from '@fastify/session';
import { eq, lt } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, Session } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '#src/db/engine.ts';
import { webSessions } from '#src/domains/identity/schema.ts';

export interface SessionOptions {
  db: Database;
  secret: string;
  hours: number;
  secureCookie: boolean | 'auto';
}

declare module 'fastify' {
  interface Session {
    userId?: string;
    orgId?: string;
    /** Where to go after signing in. */
    returnTo?: string;
    /** OpenID Connect state kept between the redirect and the callback. */
    oidc?: { state: string; nonce: string; codeVerifier: string };
    flash?: string;
  }
}

type Callback = (err?: unknown) => void;

const hashOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');

/** @fastify/session's store interface over the web_sessions table. */
function databaseStore(db: Database, hours: number) {
  const expiry = (session: Session) => {
    const expires = session.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + hours * 3_600_000);
  };
  return {
    set(sessionId: string, session: Session, callback: Callback) {
      const row = {
        sessionIdHash: hashOf(sessionId),
        data: session,
        expiresAt: expiry(session),
        updatedAt: new Date(),
      };
      db.insert(webSessions)
        .values(row)
        .onConflictDoUpdate({ target: webSessions.sessionIdHash, set: row })
        .then(() => callback(), callback);
    },
    get(sessionId: string, callback: (err: unknown, session?: Session | null) => void) {
      db.select()
        .from(webSessions)
        .where(eq(webSessions.sessionIdHash, hashOf(sessionId)))
        .then(([row]) => {
          if (!row || row.expiresAt < new Date()) return callback(null, null);
          callback(null, row.data as Session);
        }, callback);
    },
    destroy(sessionId: string, callback: Callback) {
      db.delete(webSessions)
        .where(eq(webSessions.sessionIdHash, hashOf(sessionId)))
        .then(() => callback(), callback);
    },
  };
}

export async function removeExpiredSessions(db: Database): Promise<void> {
  await db.delete(webSessions).where(lt(webSessions.expiresAt, new Date()));
}

/** Reads the CSRF token from a form field (urlencoded or multipart), a header or the query. */
function csrfTokenOf(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const field = body?._csrf;
  if (typeof field === 'string') return field;
  if (field && typeof field === 'object' && 'value' in field)
    return String((field as { value: unknown }).value);
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  // The NHS.UK header's sign-out form has no hidden fields, so its token rides in the action URL.
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?._csrf === 'string' ? query._csrf : undefined;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Server-side sessions kept in the database, in a cookie that scripts cannot read and
 * other sites cannot send; and a CSRF token checked on every form that changes anything.
 */
export const sessionsPlugin = fp(async (app: FastifyInstance, options: SessionOptions) => {
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: options.secret,
    cookieName: 'heard.sid',
    saveUninitialized: false,
    rolling: true,
    store: databaseStore(options.db, options.hours),
    cookie: {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookie,
      maxAge: options.hours * 3_600_000,
    },
  });
  await app.register(csrfProtection, { sessionPlugin: '@fastify/session', getToken: csrfTokenOf });
  app.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done) => {
    // API calls authenticate with a key in a header, which a browser never sends on its own.
    if (!unsafeMethods.has(request.method) || request.url.startsWith('/api/')) return done();
    app.csrfProtection(request, reply, done);
  });
});
