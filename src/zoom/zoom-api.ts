import { ZoomReauthRequiredError } from '../errors.js';
import { type ZoomAnswer, type ZoomCall, type ZoomRestClient, zoomError } from './rest-client.js';
import type { TokenSource } from './token-service.js';

function rejectedToken(answer: ZoomAnswer): boolean {
  return answer.status === 401 && (answer.body as { code?: unknown } | undefined)?.code === 124;
}

/** Zoom's REST API on behalf of one member: their token, refreshed when Zoom rejects it. */
export class ZoomApi {
  private readonly tokens: TokenSource;
  private readonly rest: ZoomRestClient;

  constructor(tokens: TokenSource, rest: ZoomRestClient) {
    this.tokens = tokens;
    this.rest = rest;
  }

  /** The same client over another token source, e.g. one request's. */
  withTokens(tokens: TokenSource): ZoomApi {
    return new ZoomApi(tokens, this.rest);
  }

  /** The API base, for checking URLs that callers pass in. */
  get apiUrl(): string {
    return this.rest.apiUrl;
  }

  /** Zoom's answer whatever its status, after at most one refresh of a rejected token. */
  async request(userEmail: string, call: ZoomCall): Promise<ZoomAnswer> {
    const token = await this.tokens.accessToken(userEmail);
    const answer = await this.rest.send(call, token);
    if (!rejectedToken(answer)) return answer;

    const renewed = await this.tokens.renewRejected(userEmail, token);
    const retried = await this.rest.send(call, renewed);
    if (rejectedToken(retried)) throw new ZoomReauthRequiredError();
    return retried;
  }

  /** The body of a successful answer; any other answer becomes the matching gateway error. */
  async json<T>(userEmail: string, call: ZoomCall): Promise<T> {
    const answer = await this.request(userEmail, call);
    if (!answer.ok) throw zoomError(answer, call.method);
    return answer.body as T;
  }
}
