import { createHash } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import fastifySession from '@fastify/session';
import { eq, lt } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, Session } from 'fastify';
import fp from 'fastify-plugin';
import { canonicalJson } from '#src/db/canonical-json.ts';
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
    /** A success message waiting for the next page (web/flash.ts). */
    flash?: string;
  }
}

type Callback = (err?: unknown) => void;

/** What web_sessions stores for a session id: a copy of the table signs nobody in. */
export const sessionIdHashOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');
const hashOf = sessionIdHashOf;

/**
 * Sessions roll (each request extends them), which would mean a database write on every
 * request. A session whose contents have not changed is written again only once its expiry
 * has moved on by this much, so a busy page costs reads only.
 */
const rewriteUnchangedAfterMs = 5 * 60_000;
const rememberedSessions = 10_000;

/** What was last stored for each session this process has seen: its contents and expiry. */
class LastStored {
  private readonly entries = new Map<string, { contents: string; expiresAt: number }>();

  note(idHash: string, session: Session, expiresAt: Date) {
    this.entries.delete(idHash);
    this.entries.set(idHash, { contents: contentsOf(session), expiresAt: expiresAt.getTime() });
    if (this.entries.size > rememberedSessions) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  isFreshCopy(idHash: string, session: Session, expiresAt: Date): boolean {
    const last = this.entries.get(idHash);
    return Boolean(
      last &&
        last.contents === contentsOf(session) &&
        Math.abs(expiresAt.getTime() - last.expiresAt) < rewriteUnchangedAfterMs,
    );
  }

  forget(idHash: string) {
    this.entries.delete(idHash);
  }
}

/** A session's data without its cookie, whose expiry changes on every request. */
const contentsOf = (session: Session) => canonicalJson({ ...session, cookie: undefined });

/** @fastify/session's store interface over the web_sessions table. */
function databaseStore(db: Database, hours: number) {
  const expiry = (session: Session) => {
    const expires = session.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + hours * 3_600_000);
  };
  const lastStored = new LastStored();
  return {
    set(sessionId: string, session: Session, callback: Callback) {
      const sessionIdHash = hashOf(sessionId);
      const expiresAt = expiry(session);
      if (lastStored.isFreshCopy(sessionIdHash, session, expiresAt)) return callback();
      const row = { sessionIdHash, data: session, expiresAt, updatedAt: new Date() };
      db.insert(webSessions)
        .values(row)
        .onConflictDoUpdate({ target: webSessions.sessionIdHash, set: row })
        .then(() => {
          lastStored.note(sessionIdHash, session, expiresAt);
          callback();
        }, callback);
    },
    get(sessionId: string, callback: (err: unknown, session?: Session | null) => void) {
      const sessionIdHash = hashOf(sessionId);
      db.select()
        .from(webSessions)
        .where(eq(webSessions.sessionIdHash, sessionIdHash))
        .then(([row]) => {
          if (!row || row.expiresAt < new Date()) return callback(null, null);
          lastStored.note(sessionIdHash, row.data as Session, row.expiresAt);
          callback(null, row.data as Session);
        }, callback);
    },
    destroy(sessionId: string, callback: Callback) {
      const sessionIdHash = hashOf(sessionId);
      lastStored.forget(sessionIdHash);
      db.delete(webSessions)
        .where(eq(webSessions.sessionIdHash, sessionIdHash))
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
