import * as oidc from 'openid-client';
import { type Config, oidcEnabled } from '#src/config.ts';
import { DomainError } from '#src/web/errors.ts';
import { type IdentityClaims, isLocalIssuer } from './rules.ts';

/** The sign-in through the identity provider could not be completed: a bad or replayed response, or the person cancelled. */
export class IdentityProviderSignInFailed extends DomainError {
  /** What openid-client found wrong, for the log; the person sees only the plain message. */
  constructor(readonly reason?: unknown) {
    super(400, 'Sign-in did not work', 'Go back to the sign-in page and try again.');
  }
}

/** What Heard keeps in the session between sending someone to the provider and their return. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface IdentityProvider {
  /** The name on the sign-in button, such as "NHS Care Identity Service 2". */
  name: string;
  /** Where to send the person, and what to keep in their session until they return. */
  startSignIn(redirectUri: string): Promise<{ url: URL; pending: PendingSignIn }>;
  /** Checks the provider's response (state, PKCE, ID token and nonce) and returns who the person is. */
  finishSignIn(callbackUrl: URL, pending: PendingSignIn): Promise<IdentityClaims>;
}

/**
 * An OpenID Connect relying party for NHS CIS2 or Microsoft Entra ID (both standard
 * authorization code flow with PKCE, state and nonce; client_secret_post). The provider's
 * metadata is discovered once, on first use, and kept; a failed discovery is tried again
 * next time. Null when single sign-on is not configured.
 */
export function identityProviderFrom(config: Config): IdentityProvider | null {
  if (!oidcEnabled(config) || !config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET)
    return null;
  const issuer = new URL(config.OIDC_ISSUER);
  const { OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_SCOPES: scope } = config;
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= oidc
      .discovery(issuer, clientId, clientSecret, oidc.ClientSecretPost(clientSecret), {
        // Plain http only for a provider on this machine (tests and local development).
        execute: isLocalIssuer(issuer) ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    name: config.OIDC_PROVIDER_NAME,
    async startSignIn(redirectUri) {
      const pending = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
      };
      const url = oidc.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope,
        response_type: 'code',
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, pending };
    },
    async finishSignIn(callbackUrl, pending) {
      const client = await configuration();
      try {
        const tokens = await oidc.authorizationCodeGrant(client, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const idToken = tokens.claims();
        if (!idToken) throw new IdentityProviderSignInFailed('the token response had no ID token');
        // CIS2 gives the email address only from its UserInfo endpoint; Entra ID puts it in the ID token.
        const userInfo =
          typeof idToken.email === 'string'
            ? {}
            : await oidc.fetchUserInfo(client, tokens.access_token, idToken.sub);
        return claimsOf({ ...userInfo, ...idToken });
      } catch (error) {
        if (error instanceof IdentityProviderSignInFailed) throw error;
        if (
          error instanceof oidc.AuthorizationResponseError ||
          error instanceof oidc.ResponseBodyError ||
          error instanceof oidc.ClientError
        ) {
          throw new IdentityProviderSignInFailed(error);
        }
        throw error;
      }
    },
  };
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const flag = (value: unknown) =>
  value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;

function claimsOf(claims: Record<string, unknown> & { sub: string }): IdentityClaims {
  return {
    subject: claims.sub,
    email: text(claims.email),
    emailVerified: flag(claims.email_verified),
    emailDomainVerified: flag(claims.xms_edov),
    name: text(claims.name),
  };
}

/** Where the provider sends people back to: on PUBLIC_URL when set, otherwise on the address they used. */
export function oidcRedirectUri(publicUrl: string | undefined, requestOrigin: string): string {
  return `${(publicUrl ?? requestOrigin).replace(/\/+$/, '')}/sign-in/oidc/callback`;
}
