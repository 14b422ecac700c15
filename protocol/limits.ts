/**
 * Limits every client and the relay agree on. Plain constants with no runtime
 * dependencies, so the widget can import them without pulling in the schemas.
 */
export const LIMITS = {
  /** Characters in one message's text (after trimming). */
  messageTextMax: 4000,
  /** Largest page a history or inbox request may ask for. */
  pageSizeMax: 200,
  /** Page size when a request does not say. */
  pageSizeDefault: 50,
  /** Client message ids: 8..64 URL-safe characters (a UUID fits). */
  clientIdMin: 8,
  clientIdMax: 64,
  /** Characters in a patient's display name, greeting and similar short texts. */
  shortTextMax: 200,
  /** Characters in a staff password. */
  passwordMin: 10,
  passwordMax: 200,
  /** Characters of the page URL a visitor's handshake may report. */
  pageUrlMax: 500,
} as const;

/** Regular expressions for ids, shared by the schemas and hand-written checks. */
export const ID_PATTERNS = {
  /** Redis stream entry id: milliseconds and sequence. */
  streamId: '^[0-9]{1,16}-[0-9]{1,10}$',
  /** Ids the relay issues (threads, clinics, staff, visitors): 22 URL-safe characters = 128 bits. */
  entityId: '^[A-Za-z0-9_-]{22}$',
  clientMessageId: `^[A-Za-z0-9_-]{${LIMITS.clientIdMin},${LIMITS.clientIdMax}}$`,
  /** Public site key of a clinic. */
  siteKey: '^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$',
  /** Visitor token: 43 URL-safe characters = 256 bits. */
  visitorToken: '^[A-Za-z0-9_-]{43}$',
  /** IANA time zone name as browsers report it, e.g. Europe/Moscow. */
  timeZone: '^[A-Za-z0-9_+/-]{1,64}$',
  /**
   * A ready answer's shortcut, typed after `/` in the console's composer: lower-case Latin or
   * Cyrillic letters (`/цены`), digits, hyphens (`\\-`: also valid as an HTML pattern).
   */
  answerShortcut: '^[a-z0-9а-яё][a-z0-9а-яё\\-]{0,31}$',
  /** An origin a clinic allows: scheme, host and port, no path. */
  origin: '^https?://[^/?#\\s]+$',
  /** A page URL a handshake may report: http(s) only. */
  pageUrl: '^https?://',
} as const;
