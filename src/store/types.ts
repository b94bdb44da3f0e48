/**
 * A document of the `zoomUsers` collection, field for field as the old package stored it,
 * plus the member's email and the two system dates. Nothing else goes into it.
 */
export interface ZoomUserDocument {
  _id: string;
  userEmail: string;
  access_token: string;
  expires_in: number;
  scope: string;
  refresh_token: string;
  token_type: string;
  _createdDate: Date;
  _updatedDate: Date;
}

/** The Zoom user behind a member's connection, as Zoom's `/users/me` named it. */
export interface ZoomIdentity {
  userEmail: string;
  zoomUserId: string;
  zoomEmail: string;
  accountId: string | null;
}

/** The token fields of a connection, as written by the token service. */
export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives after `updatedAt`. */
  expiresIn: number;
  scope: string;
  tokenType: string;
}

/** A member's stored connection, in the gateway's own words. */
export interface StoredConnection extends StoredTokens {
  id: string;
  userEmail: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Where members' Zoom tokens live. Implementations know their database and nothing of Zoom
 * or GraphQL; emails are matched case-insensitively (stores lower-case them).
 */
export interface ZoomUserStore {
  /** The member's connection, or null when they have none. */
  find(userEmail: string): Promise<StoredConnection | null>;
  /** Writes a first connection, or replaces the tokens of an existing one (a reconnect). */
  save(userEmail: string, tokens: StoredTokens): Promise<StoredConnection>;
  /**
   * Replaces the tokens only while the stored refresh token is still `previousRefreshToken`,
   * so that a slow writer never puts older tokens over newer ones. Null when it did not match.
   */
  replaceTokens(
    userEmail: string,
    previousRefreshToken: string,
    tokens: StoredTokens,
  ): Promise<StoredConnection | null>;
  /** The stored document exactly as it is, for inspection and tests. */
  document(userEmail: string): Promise<ZoomUserDocument | null>;
  /** Remembers which Zoom user a member connected, in a collection of its own. */
  saveZoomIdentity(identity: ZoomIdentity): Promise<void>;
  /** Forgets which Zoom user a member connected, when that is no longer known. */
  forgetZoomIdentity(userEmail: string): Promise<void>;
  /** The Zoom user a member connected, or null. */
  zoomIdentity(userEmail: string): Promise<ZoomIdentity | null>;
  /** The members who connected this Zoom user (Zoom's webhooks name only the user id). */
  membersOfZoomUser(zoomUserId: string): Promise<string[]>;
  /** Removes the member's connection and its Zoom identity; false when there was none. */
  remove(userEmail: string): Promise<boolean>;
  /**
   * Takes the lease `key` for `holder` until `ttlMs` from now, if nobody holds it or the last
   * lease expired. Atomic across every process that shares the store.
   */
  acquireLease(key: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease back, only if `holder` still holds it. */
  releaseLease(key: string, holder: string): Promise<void>;
  /** Records a one-use value (an OAuth state's nonce) until `expiresAt`; false if already used. */
  consumeOnce(value: string, expiresAt: Date): Promise<boolean>;
  /** Makes a one-use value usable again, when what it guarded did not happen. */
  releaseOnce(value: string): Promise<void>;
  /** Resolves when the store answers; throws StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Lower-cases and trims an email the way every store keys it. Only ASCII letters are folded:
 * Unicode case rules would turn a look-alike (the Kelvin sign) into another member's address.
 */
export function normalizeEmail(email: string): string {
  return email.replace(/^[ \t]+|[ \t]+$/g, '').replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/**
 * A plausible email as it stands: one `@`, something on each side, and no space of any kind
 * (a trailing no-break space must not make another member's address).
 */
export function isEmail(email: string): boolean {
  return (
    email.length <= 254 &&
    /^[^\s@\p{Cc}\p{Cf}]+@[^\s@\p{Cc}\p{Cf}]+\.[^\s@\p{Cc}\p{Cf}]+$/u.test(email)
  );
}

/** Maps a stored document to the gateway's shape. */
export function toConnection(doc: ZoomUserDocument): StoredConnection {
  return {
    id: String(doc._id),
    userEmail: doc.userEmail,
    accessToken: doc.access_token,
    refreshToken: doc.refresh_token,
    expiresIn: doc.expires_in,
    scope: doc.scope,
    tokenType: doc.token_type,
    createdAt: doc._createdDate,
    updatedAt: doc._updatedDate,
  };
}

/** The token fields of a document, written on every token change with a fresh update date. */
export function tokenFields(tokens: StoredTokens, now: Date) {
  return {
    access_token: tokens.accessToken,
    expires_in: tokens.expiresIn,
    scope: tokens.scope,
    refresh_token: tokens.refreshToken,
    token_type: tokens.tokenType,
    _updatedDate: now,
  };
}
