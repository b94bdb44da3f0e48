import { BadUserInputError, InvalidStateError } from '../errors.js';
import { normalizeEmail } from '../store/types.js';
import type { ZoomOAuth } from './oauth.js';
import { codeChallenge, type StateSigner } from './state.js';
import type { TokenService } from './token-service.js';

/** The largest `options` object carried through Zoom, as JSON; Zoom's redirect must stay short. */
const MAX_OPTIONS_BYTES = 2048;

/** Who redeems a state: a member (who must be the one it was made for) or a backend. */
export type Redeemer = { kind: 'member'; email: string } | { kind: 'backend' };

/** The member's way to Zoom's consent page and back: a signed state out, tokens in. */
export class ZoomConnector {
  private readonly oauth: ZoomOAuth;
  private readonly states: StateSigner;
  private readonly tokens: TokenService;

  constructor(oauth: ZoomOAuth, states: StateSigner, tokens: TokenService) {
    this.oauth = oauth;
    this.states = states;
    this.tokens = tokens;
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
    const { state, nonce } = await this.states.sign(normalizeEmail(userEmail), options);
    return this.oauth.authorizeUrl(state, codeChallenge(this.states.codeVerifier(nonce)));
  }

  /**
   * Checks the state, then exchanges the code and stores the connection. A state made for
   * another member is refused before Zoom is called, so nobody can bind their Zoom to someone else.
   */
  async connect(
    redeemer: Redeemer,
    code: string,
    state: string,
  ): Promise<{ userEmail: string; options: unknown }> {
    if (!code.trim() || code.length > 2048) throw new BadUserInputError('code is invalid', 'code');
    const verified = await this.states.verify(state);
    if (redeemer.kind === 'member' && normalizeEmail(redeemer.email) !== verified.userEmail) {
      throw new InvalidStateError('This Zoom sign-in was started by another member');
    }

    await this.tokens.connect(verified.userEmail, code, this.states.codeVerifier(verified.nonce));
    return { userEmail: verified.userEmail, options: verified.options };
  }
}
