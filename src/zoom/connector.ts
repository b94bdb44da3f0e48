import type { Logger } from 'pino';
import { BadUserInputError, InvalidStateError } from '../errors.js';
import { memberTag } from '../logger.js';
import { normalizeEmail, type ZoomUserStore } from '../store/types.js';
import type { ZoomOAuth } from './oauth.js';
import { codeChallenge, STATE_TTL_SECONDS, type StateSigner } from './state.js';
import type { TokenService } from './token-service.js';
import type { ZoomApi } from './zoom-api.js';

/** The largest `options` object carried through Zoom, as JSON; Zoom's redirect must stay short. */
const MAX_OPTIONS_BYTES = 2048;

/** Who redeems a state: a member (who must be the one it was made for) or a backend. */
export type Redeemer = { kind: 'member'; email: string } | { kind: 'backend' };

/** What the connector works with. */
export interface ConnectorDeps {
  oauth: ZoomOAuth;
  states: StateSigner;
  tokens: TokenService;
  zoom: ZoomApi;
  store: ZoomUserStore;
  log: Logger;
}

/** The member's way to Zoom's consent page and back: a signed state out, tokens in. */
export class ZoomConnector {
  private readonly deps: ConnectorDeps;

  constructor(deps: ConnectorDeps) {
    this.deps = deps;
  }

  /** Zoom's consent URL for the member, carrying `options` through in a signed state. */
  async authorizeUrl(userEmail: string, options: unknown): Promise<string> {
    const size = Buffer.byteLength(JSON.stringify(options ?? null));
    if (size > MAX_OPTIONS_BYTES) {
      throw new BadUserInputError(
        `options must be at most ${MAX_OPTIONS_BYTES} bytes of JSON`,
        'options',
      );
    }
    const { states, oauth } = this.deps;
    const { state, nonce } = await states.sign(normalizeEmail(userEmail), options);
    return oauth.authorizeUrl(state, codeChallenge(states.codeVerifier(nonce)));
  }

  /**
   * Checks the state, spends it, then exchanges the code and stores the connection. A state
   * made for another member, or used before, is refused before Zoom is called, so nobody can
   * bind their Zoom to someone else or replay a sign-in.
   */
  async connect(
    redeemer: Redeemer,
    code: string,
    state: string,
  ): Promise<{ userEmail: string; options: unknown }> {
    if (!code.trim() || code.length > 2048) throw new BadUserInputError('code is invalid', 'code');
    const { states, store, tokens } = this.deps;
    const verified = await states.verify(state);
    if (redeemer.kind === 'member' && normalizeEmail(redeemer.email) !== verified.userEmail) {
      throw new InvalidStateError('This Zoom sign-in was started by another member');
    }
    const used = `state:${verified.nonce}`;
    const expiresAt = new Date(Date.now() + STATE_TTL_SECONDS * 1000);
    if (!(await store.consumeOnce(used, expiresAt))) {
      throw new InvalidStateError('This Zoom sign-in link was already used; start again');
    }

    try {
      await tokens.connect(verified.userEmail, code, states.codeVerifier(verified.nonce));
    } catch (error) {
      // Nothing was connected, so the member may try the same sign-in again.
      await store.releaseOnce(used).catch(() => undefined);
      throw error;
    }
    await this.rememberZoomUser(verified.userEmail);
    return { userEmail: verified.userEmail, options: verified.options };
  }

  /** The Zoom user id behind a member's connection, or null when unknown. */
  async zoomUserId(userEmail: string): Promise<string | null> {
    return (await this.deps.store.zoomIdentity(userEmail))?.zoomUserId ?? null;
  }

  /**
   * Zoom's webhooks name the Zoom user, not the member, so who is behind each connection is
   * read once now. Failing here does not undo the connection, but the member's earlier Zoom
   * user is forgotten: it may not be theirs any more, and its events must not reach them.
   */
  private async rememberZoomUser(userEmail: string): Promise<void> {
    const { zoom, store, log } = this.deps;
    try {
      const me = await zoom.json<{ id?: unknown; email?: unknown; account_id?: unknown }>(
        userEmail,
        { method: 'GET', path: '/users/me' },
      );
      if (typeof me.id !== 'string') throw new Error('Zoom named no user id');
      await store.saveZoomIdentity({
        userEmail,
        zoomUserId: me.id,
        zoomEmail: typeof me.email === 'string' ? me.email.toLowerCase() : '',
        accountId: typeof me.account_id === 'string' ? me.account_id : null,
      });
    } catch (error) {
      log.warn({ member: memberTag(userEmail), err: String(error) }, 'zoom user not read');
      await store.forgetZoomIdentity(userEmail).catch(() => undefined);
    }
  }
}
