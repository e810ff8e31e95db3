import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '#src/app.ts';
import { type Config, loadConfig } from '#src/config.ts';
import { addUser, type Role } from '#src/domains/identity/index.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import type { TestEngine } from './environment.ts';

export const testPassword = 'correct horse battery staple';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  orgId: string;
  /** Adds a user holding `role` (scoped to `unitId` if given) and signs them in. */
  signInAs(role: Role, options?: { unitId?: string; email?: string }): Promise<Browser>;
  close(): Promise<void>;
}

/** A Heard app on a fresh database of the chosen engine, with one organisation in it. */
export async function startTestApp(engine: TestEngine, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HEARD_DATA_DIR: 'memory://', ...env });
  const app = await buildApp({
    config,
    database,
    sessionSecret: 'a-test-session-secret-of-enough-length',
    logger: false,
  });
  await app.ready();
  const organisation = await createOrganisation(database.db, systemActor(), {
    name: 'Test NHS Trust',
    odsCode: 'RT1',
  });
  let users = 0;
  return {
    app,
    database,
    config,
    orgId: organisation.orgId,
    async signInAs(role, options = {}) {
      users += 1;
      const email = options.email ?? `${role}.${users}@test.nhs.uk`;
      await addUser(database.db, organisation.orgId, systemActor(), {
        email,
        displayName: `Test ${role} ${users}`,
        password: testPassword,
        grants: [{ role, unitId: options.unitId }],
      });
      const browser = new Browser(app);
      await browser.signIn(email, testPassword);
      return browser;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A cookie jar over app.inject, with the CSRF token of the last page it saw. */
export class Browser {
  private cookies = new Map<string, string>();
  csrfToken = '';

  constructor(private readonly app: FastifyInstance) {}

  async get(url: string, headers: Record<string, string> = {}) {
    return this.request('GET', url, undefined, headers);
  }

  /** Submits a form as a browser would, with the CSRF token unless `_csrf` is given. */
  async post(url: string, form: Record<string, string | string[]> = {}) {
    if (!this.csrfToken) await this.get('/sign-in');
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries({ _csrf: this.csrfToken, ...form })) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
    return this.request('POST', url, body.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
  }

  async request(
    method: string,
    url: string,
    payload?: string | Buffer,
    headers: Record<string, string> = {},
  ) {
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      payload,
      headers: { ...headers, cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    this.remember(response);
    return response;
  }

  async signIn(email: string, password: string) {
    await this.get('/sign-in');
    const response = await this.post('/sign-in', { email, password });
    if (response.statusCode !== 303) throw new Error(`sign-in failed with ${response.statusCode}`);
    await this.get('/');
    return response;
  }

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as { name: string; value: string }[]) {
      this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body) ?? /_csrf=([^"&]+)"/.exec(response.body);
    if (token?.[1]) this.csrfToken = token[1];
  }
}
