/**
 * Every error code a client can see, with the message it carries. Codes are
 * stable: once published a code keeps its meaning and is never reused.
 * Plain data with no runtime dependencies, so the widget and console can import it.
 */
export const ERRORS = {
  BAD_REQUEST: { status: 400, message: 'The request does not match the protocol.' },
  TEXT_EMPTY: { status: 400, message: 'The message text is empty.' },
  TEXT_TOO_LONG: { status: 400, message: 'The message text is longer than allowed.' },
  BAD_ID: { status: 400, message: 'An id in the request is malformed.' },
  UNKNOWN_EVENT: { status: 400, message: 'The relay does not know this event.' },
  NOT_FOUND: { status: 404, message: 'No such thread, or it is not yours.' },
  NO_ROUTE: { status: 404, message: 'No such route.' },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this.' },
  THREAD_CLOSED: { status: 409, message: 'The conversation is closed.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; slow down and retry.' },
  SITE_KEY_UNKNOWN: { status: 401, message: 'The site key is not known to this relay.' },
  ORIGIN_NOT_ALLOWED: { status: 403, message: "This site is not allowed to use the clinic's chat." },
  TOKEN_INVALID: { status: 401, message: 'The visitor token is not valid for this clinic.' },
  AUTH_REQUIRED: { status: 401, message: 'Sign in first.' },
  AUTH_FAILED: { status: 401, message: 'Email or password is incorrect.' },
  CSRF_REJECTED: { status: 403, message: 'The request did not come from the console.' },
  UNAVAILABLE: { status: 503, message: 'The relay is restarting or cannot reach its store; retry.' },
  INTERNAL: { status: 500, message: 'The relay failed to handle the request.' },
  CONTACT_INVALID: { status: 400, message: 'The e-mail address or phone number is not valid.' },
  CONTACT_MISSING: { status: 409, message: 'The patient has not given an e-mail address or phone number for notices.' },
  LINK_EXPIRED: { status: 410, message: 'This link has expired or was already used; ask the clinic for a new one.' },
  API_KEY_INVALID: { status: 401, message: 'The API key is missing, unknown or revoked.' },
  REVIEW_NOT_NEGATIVE: { status: 422, message: 'Only a negative review (rating 3 of 5 or lower) may get a conversation.' },
  ALREADY_TAKEN: { status: 409, message: 'A colleague has already taken this conversation.' },
  WEBHOOK_URL_INVALID: { status: 400, message: 'A webhook URL must be https (http only for localhost or 127.0.0.1).' },
  ATTACHMENT_TYPE: { status: 415, message: 'This kind of file cannot be attached: JPEG, PNG, WebP, HEIC photos and PDF documents only.' },
  ATTACHMENT_TOO_LARGE: { status: 413, message: 'The file is larger than allowed.' },
  ATTACHMENT_NOT_FOUND: { status: 404, message: 'No such attachment in this conversation, or it was already sent.' },
  NOT_A_COMPLAINT: { status: 409, message: "Status steps and the patient's answer exist only in a complaint conversation." },
  TWO_FACTOR_REQUIRED: { status: 401, message: 'Enter the code from your authenticator app or a recovery code.' },
  CONSENT_REQUIRED: { status: 403, message: 'The patient has not agreed to the processing of their data: send visitor:consent first.' },
  TWO_FACTOR_SETUP_REQUIRED: { status: 403, message: 'This clinic requires two-factor sign-in: set it up first.' },
  BOOKING_DAY_INVALID: { status: 400, message: 'The preferred day must be a date (YYYY-MM-DD) from today to a year ahead.' },
  BOOKING_TIME_INVALID: { status: 400, message: 'The preferred time must be a time of day (HH:MM).' },
  BOOKING_PHONE_INVALID: { status: 400, message: 'The phone number for the booking is not valid.' },
  BOOKING_NOT_FOUND: { status: 404, message: 'No such booking request in this conversation.' },
  BOOKING_DECIDED: { status: 409, message: 'This booking request was already confirmed or declined.' },
  BOOKING_REQUESTS_OFF: { status: 403, message: 'This clinic takes no visit requests in the chat.' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** What reaches a client on failure, in an ack or an HTTP body. */
export interface ProtocolError {
  code: ErrorCode;
  message: string;
  data?: Record<string, unknown>;
}

/** Whether a value (an HTTP body's `code`, say) is one of the codes above. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, value);
}

export function protocolError(code: ErrorCode, data?: Record<string, unknown>): ProtocolError {
  return data ? { code, message: ERRORS[code].message, data } : { code, message: ERRORS[code].message };
}

/** Every acknowledgement is one of these two shapes. */
export type Ack<T> = { ok: T; error?: undefined } | { ok?: undefined; error: ProtocolError };

/** Errors a client may fix by retrying the same request later (the outbox keeps it). */
export const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL']);
