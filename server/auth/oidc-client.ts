import * as client from 'openid-client';

/*
 * The console as an OpenID Connect relying party, with openid-client 6 (panva's certified
 * client; plain ESM on Web APIs, no engine above Node 20): authorization code flow with PKCE
 * (S256), state and nonce, the ID token checked by the library (signature from the provider's
 * JWKS, iss, aud, exp, nonce).
 */

export interface OidcClientOptions {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** `${PUBLIC_URL}/auth/callback`. */
  redirectUri: string;
  /** How the console's own requests reach the provider (the development provider: its socket). */
  fetch?: client.CustomFetch;
  /** Seconds per request to the provider. */
  timeoutS?: number;
}

/** Who the provider vouched for. */
export interface SignedInIdentity {
  email: string | undefined;
  emailVerified: boolean | undefined;
  name: string | undefined;
}

export interface SignInChecks {
  state: string;
  nonce: string;
  verifier: string;
}

export interface OidcClient {
  readonly issuer: string;
  /** Where to send the browser; fresh checks go into the transaction cookie. */
  start(): Promise<{ url: URL; checks: SignInChecks }>;
  /** The callback: the code exchanged, the ID token verified against `checks`. */
  finish(callbackUrl: URL, checks: SignInChecks): Promise<SignedInIdentity>;
}

/** The provider said no (`?error=`), e.g. access_denied: its words, for the person. */
export class SignInRefused extends Error {
  constructor(
    readonly error: string,
    readonly description: string | undefined,
  ) {
    super(description ? `${error}: ${description}` : error);
    this.name = 'SignInRefused';
  }
}

/** The provider could not be reached or its discovery document is not usable. */
export class ProviderUnavailable extends Error {
  constructor(cause: unknown) {
    super(`the OpenID provider's configuration could not be read: ${String(cause)}`, { cause });
    this.name = 'ProviderUnavailable';
  }
}

const SCOPE = 'openid email profile';

export function createOidcClient(options: OidcClientOptions): OidcClient {
  const issuer = new URL(options.issuerUrl);
  const insecure = issuer.protocol === 'http:';
  // Discovered at the first sign-in, not at start: a provider that is down for a moment must
  // not stop the console from starting; a failed discovery is tried again next time.
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () =>
    (discovered ??= client
      .discovery(
        issuer,
        options.clientId,
        { redirect_uris: [options.redirectUri], response_types: ['code'] },
        client.ClientSecretBasic(options.clientSecret),
        {
          // Plain http only for an http issuer (the development provider, a lab setup).
          execute: insecure ? [client.allowInsecureRequests] : [],
          timeout: options.timeoutS ?? 10,
          ...(options.fetch ? { [client.customFetch]: options.fetch } : {}),
        },
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw new ProviderUnavailable(error);
      }));

  return {
    issuer: options.issuerUrl,
    async start() {
      const config = await configuration();
      const checks: SignInChecks = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: SCOPE,
        code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      });
      return { url, checks };
    },
    async finish(callbackUrl, checks) {
      const config = await configuration();
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.verifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        if (error instanceof client.AuthorizationResponseError) {
          throw new SignInRefused(error.error, error.error_description);
        }
        throw error;
      }
      let claims: Record<string, unknown> = { ...tokens.claims() };
      // Some providers put the address in the UserInfo answer only.
      if (
        typeof claims.email !== 'string' &&
        tokens.access_token &&
        typeof claims.sub === 'string'
      ) {
        claims = {
          ...claims,
          ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)),
        };
      }
      return {
        email: typeof claims.email === 'string' ? claims.email : undefined,
        emailVerified:
          typeof claims.email_verified === 'boolean' ? claims.email_verified : undefined,
        name: typeof claims.name === 'string' && claims.name ? claims.name : undefined,
      };
    },
  };
}
