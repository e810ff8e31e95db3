import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** Someone the test identity provider knows, with the claims it gives out about them. */
export interface ProviderPerson {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestIdentityProvider {
  /** http://127.0.0.1:<port>, known before the provider is configured so that Heard can be given it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The people it can sign in, by subject; a test may change their claims between sign-ins. */
  people: Map<string, ProviderPerson>;
  /** Registers Heard as a client with this redirect URI and starts answering. */
  registerClient(redirectUri: string): void;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (panva's oidc-provider, the certified implementation) on a
 * random local port, with its built-in development login and consent pages. Its issuer is
 * known first, then Heard's redirect URI is registered once Heard is listening too.
 */
export async function startIdentityProvider(): Promise<TestIdentityProvider> {
  let handle: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => {
    response.statusCode = 503;
    response.end('not configured yet');
  };
  const server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const people = new Map<string, ProviderPerson>();
  const clientId = 'heard-test-client';
  const clientSecret = 'heard-test-client-secret-of-some-length';

  return {
    issuer,
    clientId,
    clientSecret,
    people,
    registerClient(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_post',
          },
        ],
        cookies: { keys: ['heard-test-provider-cookie-key'] },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        features: { devInteractions: { enabled: true } },
        pkce: { required: () => true },
        ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
        async findAccount(_context, sub) {
          const person = people.get(sub);
          if (!person) return undefined;
          return { accountId: sub, claims: () => ({ sub, ...people.get(sub) }) };
        },
      });
      handle = provider.callback();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
