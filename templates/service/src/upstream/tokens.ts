/**
 * OAuth2 client credentials (RFC 6749 section 4.4) for calls to an upstream:
 * the token request and the checking of its answer are oauth4webapi's; this
 * file keeps the token until shortly before it expires, and makes concurrent
 * callers share one request for a new one.
 */
import * as oauth from 'oauth4webapi';
import type { TokenOutcome, TokenSettings } from './call-settings.js';

/** Why no token could be had, for the log; its text never holds the secret. */
export class TokenUnavailable extends Error {
  override name = 'TokenUnavailable';
}

/** A token whose lifetime the endpoint does not give is kept this long (RFC 6749 leaves expires_in optional). */
const ASSUMED_LIFETIME_SECONDS = 300;
/** Renewed this long before it expires (at most a tenth of its lifetime), so a call never starts with a token about to lapse. */
const RENEW_BEFORE_SECONDS = 60;

export class ClientCredentialsTokens {
  private current: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;
  private readonly server: oauth.AuthorizationServer;
  private readonly client: oauth.Client;
  private readonly clientAuth: oauth.ClientAuth;

  constructor(
    private readonly settings: TokenSettings,
    /** Told about every token request: for metrics. */
    private readonly observe: (outcome: TokenOutcome) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    this.server = { issuer: new URL(settings.tokenUrl).origin, token_endpoint: settings.tokenUrl };
    this.client = { client_id: settings.clientId };
    this.clientAuth = settings.clientAuth === 'post' ? oauth.ClientSecretPost(settings.clientSecret) : oauth.ClientSecretBasic(settings.clientSecret);
  }

  /** A valid access token: the cached one, or one fetched once however many callers wait for it. */
  token(): Promise<string> {
    if (this.current !== null && this.now() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= this.request().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** The upstream refused this token (401): forget it, so the next call fetches another. */
  refuse(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  private async request(): Promise<string> {
    const parameters = new URLSearchParams();
    if (this.settings.scope !== null) parameters.set('scope', this.settings.scope);
    if (this.settings.audience !== null) parameters.set('audience', this.settings.audience);
    let answer: oauth.TokenEndpointResponse;
    try {
      const response = await oauth.clientCredentialsGrantRequest(this.server, this.client, this.clientAuth, parameters, {
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        ...(this.settings.allowHttp ? { [oauth.allowInsecureRequests]: true } : {}),
      });
      answer = await oauth.processClientCredentialsResponse(this.server, this.client, response);
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError) {
        this.observe('refused');
        throw new TokenUnavailable(`the token endpoint refused the client credentials: ${error.status} ${error.error}`);
      }
      this.observe('failed');
      throw new TokenUnavailable(`the token endpoint did not answer usably: ${(error as Error).name}: ${(error as Error).message}`);
    }
    if (answer.token_type !== 'bearer') {
      this.observe('failed');
      throw new TokenUnavailable(`the token endpoint issued a ${answer.token_type} token, not a bearer token`);
    }
    this.observe('issued');
    const lifetime = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : ASSUMED_LIFETIME_SECONDS;
    const renewBefore = Math.min(RENEW_BEFORE_SECONDS, lifetime / 10);
    this.current = { token: answer.access_token, renewAt: this.now() + (lifetime - renewBefore) * 1000 };
    return answer.access_token;
  }
}
