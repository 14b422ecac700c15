/** Staff sign-in, sign-out and "who am I" (the console's session). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
// Brings the cookie plugin's request and reply types; the plugin is registered in app.ts.
import type {} from '@fastify/cookie';
import { protocolError } from '../../protocol/errors.ts';
import { isSecureOrigin } from './cookies.ts';
import { API_PREFIX, LoginBodySchema, SESSION_COOKIE, type LoginBody, type Me } from '../../protocol/http.ts';
import type { Stores } from '../store/stores.ts';
import type { Staff } from '../store/staff-store.ts';
import type { StaffSession } from '../store/session-store.ts';
import { normalizeEmail, staffRef } from '../store/staff-store.ts';
import type { StaffNamespace } from '../realtime/namespaces.ts';
import { rooms } from '../access/visibility.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { unlessIdle } from '../store/session-idle.ts';

interface AuthDeps {
  stores: Stores;
  throttle: LoginThrottle;
  staffNamespace: StaffNamespace;
  /** The relay runs its local mail catcher: the owner's console offers the outbox. */
  outbox: boolean;
  /** PUBLIC_URL: when set, its scheme decides the session cookie's `Secure`. */
  publicUrl?: string | null;
}

/** The active staff member whose session cookie this request carries, or null. */
export async function signedInStaff(stores: Stores, request: FastifyRequest): Promise<{ staff: Staff; session: StaffSession } | null> {
  const token = request.cookies[SESSION_COOKIE];
  const stored = token ? await stores.sessions.get(token) : null;
  const live = await unlessIdle(stores.clinics, stored);
  const staff = live ? await stores.staff.get(live.staffId) : null;
  if (!stored || !live || !staff?.active) return null;
  await stores.sessions.touch(stored);
  return { staff, session: stored };
}

export const refuse = (reply: FastifyReply, status: number, code: Parameters<typeof protocolError>[0]) => reply.code(status).send(protocolError(code));

export async function authRoutes(app: FastifyInstance, { stores, throttle, staffNamespace, outbox, publicUrl = null }: AuthDeps): Promise<void> {
  async function describe(staff: Staff, expiresAt: number): Promise<Me> {
    const [clinic, enabled] = await Promise.all([stores.clinics.get(staff.clinicId), stores.twoFactor.enabled(staff.id)]);
    const twoFactor = { enabled, required: clinic?.security.requireTwoFactor ?? false };
    return { staff: staffRef(staff), clinic: { id: staff.clinicId, name: clinic?.name ?? '' }, expiresAt, outbox, twoFactor };
  }

  app.post<{ Body: LoginBody }>(`${API_PREFIX}/auth/login`, { schema: { body: LoginBodySchema } }, async (request, reply) => {
    const email = normalizeEmail(request.body.email);
    const retryAfterMs = await throttle.take(email, request.ip);
    if (retryAfterMs !== null) {
      void reply.header('retry-after', String(Math.ceil(retryAfterMs / 1000)));
      return refuse(reply, 429, 'RATE_LIMITED');
    }
    const staff = await stores.staff.authenticate(email, request.body.password);
    if (!staff) return refuse(reply, 401, 'AUTH_FAILED');
    // The second factor is asked only after the password, and counted by the same throttle.
    if (await stores.twoFactor.enabled(staff.id)) {
      const { code } = request.body;
      if (code === undefined) return refuse(reply, 401, 'TWO_FACTOR_REQUIRED');
      if (!(await stores.twoFactor.check(staff.id, code))) return refuse(reply, 401, 'AUTH_FAILED');
    }
    await throttle.succeeded(email, request.ip);
    const { token, session } = await stores.sessions.create(staff.id, staff.clinicId);
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: isSecureOrigin(request.protocol, publicUrl),
      path: '/',
      expires: new Date(session.expiresAt),
    });
    return describe(staff, session.expiresAt);
  });

  app.get(`${API_PREFIX}/auth/me`, async (request, reply) => {
    const signedIn = await signedInStaff(stores, request);
    if (!signedIn) return refuse(reply, 401, 'AUTH_REQUIRED');
    return describe(signedIn.staff, signedIn.session.expiresAt);
  });

  app.post(`${API_PREFIX}/auth/logout`, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const sessionId = await stores.sessions.end(token);
      // Sockets opened with this session end with it, not at their next reconnect.
      staffNamespace.to(rooms.session(sessionId)).emit('session:end', { reason: 'signed-out' });
      staffNamespace.in(rooms.session(sessionId)).disconnectSockets(true);
    }
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
}
