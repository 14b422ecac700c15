/**
 * The staff session over HTTP: sign in, ask who is signed in, sign out; and the owner's
 * outbox of the local mail catcher (`GET /outbox`, only while it runs). The session
 * itself is an HttpOnly cookie the relay sets; this code never sees it. Requests are
 * same-origin JSON, which is what the relay's CSRF guard expects.
 */
import type { Me, Outbox, RecoveryCodes, TwoFactorSetup } from '../../protocol/http.ts';
import type { AccessLogPage, AccessLogQuery } from '../../protocol/access-log.ts';
import { isErrorCode } from '../../protocol/errors.ts';
import { ClientError } from '../../widget/client/client-core.ts';
import { API_PREFIX } from '../../protocol/constants.ts';

async function call(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`${API_PREFIX}${path}`, {
      credentials: 'same-origin',
      ...init,
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
  } catch (cause) {
    throw new ClientError('OFFLINE', 'The relay cannot be reached.', { cause });
  }
}

export async function failure(response: Response): Promise<ClientError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch (cause) {
    return new ClientError(response.status >= 500 ? 'UNAVAILABLE' : 'BAD_REQUEST', `HTTP ${response.status}`, { cause });
  }
  const code = (body as { code?: unknown } | null)?.code;
  const message = (body as { message?: unknown } | null)?.message;
  if (isErrorCode(code)) return new ClientError(code, typeof message === 'string' ? message : code);
  if (response.status === 429) return new ClientError('RATE_LIMITED', `HTTP ${response.status}`);
  return new ClientError(response.status >= 500 ? 'UNAVAILABLE' : 'BAD_REQUEST', `HTTP ${response.status}`);
}

/** Signs in; with a second factor on, the relay answers TWO_FACTOR_REQUIRED until `code` is given. */
export async function signIn(email: string, password: string, code?: string): Promise<Me> {
  const body = code === undefined ? { email, password } : { email, password, code };
  const response = await call('/auth/login', { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as Me;
}

/** Who is signed in, or null when nobody is (the relay answers 401 AUTH_REQUIRED). */
export async function currentSession(): Promise<Me | null> {
  const response = await call('/auth/me', { method: 'GET' });
  if (response.status === 401) return null;
  if (!response.ok) throw await failure(response);
  return (await response.json()) as Me;
}

export async function signOut(): Promise<void> {
  const response = await call('/auth/logout', { method: 'POST', body: '{}' });
  if (!response.ok && response.status !== 401) throw await failure(response);
}

/** What the relay's local mail catcher caught (owner only, `Me.outbox` true), newest first. */
export async function fetchOutbox(signal?: AbortSignal): Promise<Outbox> {
  const response = await call('/outbox', { method: 'GET', ...(signal ? { signal } : {}) });
  if (!response.ok) throw await failure(response);
  const outbox = (await response.json()) as Outbox;
  return { items: [...outbox.items].sort((a, b) => b.at - a.at) };
}

/** The clinic's access log (owner and head), newest first; `format: 'csv'` is for links, not for this. */
export async function fetchAccessLog(query: Omit<AccessLogQuery, 'format'>, signal?: AbortSignal): Promise<AccessLogPage> {
  const response = await call(`/access-log?${accessLogSearch(query)}`, { method: 'GET', ...(signal ? { signal } : {}) });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as AccessLogPage;
}

/** The query string of an access-log request: only the filters given. */
export function accessLogSearch(query: AccessLogQuery): string {
  const pairs = Object.entries(query).filter(([, value]) => value !== undefined && value !== '');
  return new URLSearchParams(pairs.map(([key, value]) => [key, String(value)])).toString();
}

/** Where the browser downloads the access log as CSV with these filters. */
export const accessLogCsvUrl = (query: Omit<AccessLogQuery, 'format'>) => `${API_PREFIX}/access-log?${accessLogSearch({ ...query, format: 'csv' })}`;

/** Where the owner downloads a patient's data: JSON, or an HTML transcript to hand over. */
export const patientExportUrl = (visitorId: string, format: 'json' | 'html') =>
  `${API_PREFIX}/patients/${encodeURIComponent(visitorId)}/export?format=${format}`;

/** Erases the patient's data for good (owner only). */
export async function erasePatient(visitorId: string, signal?: AbortSignal): Promise<void> {
  const response = await call(`/patients/${encodeURIComponent(visitorId)}/erase`, { method: 'POST', body: '{}', ...(signal ? { signal } : {}) });
  if (!response.ok) throw await failure(response);
}

/** A new TOTP secret for this member's authenticator app, pending until `enableTwoFactor`. */
export async function beginTwoFactor(signal?: AbortSignal): Promise<TwoFactorSetup> {
  const response = await call('/auth/2fa/setup', { method: 'POST', body: '{}', ...(signal ? { signal } : {}) });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as TwoFactorSetup;
}

/** Turns the second factor on with the app's first code; the recovery codes come back once. */
export async function enableTwoFactor(code: string, signal?: AbortSignal): Promise<RecoveryCodes> {
  const response = await call('/auth/2fa/enable', { method: 'POST', body: JSON.stringify({ code }), ...(signal ? { signal } : {}) });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as RecoveryCodes;
}
