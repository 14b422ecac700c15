/**
 * Typed socket.io-client connections for tests and benchmarks: a patient (visitor
 * namespace) and a signed-in staff member (staff namespace), plus `call` for acks.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../protocol/errors.ts';
import type { Static } from '@sinclair/typebox';
import {
  NAMESPACES,
  type StaffClientToServer,
  type StaffEvent,
  type StaffRequests,
  type StaffResults,
  type StaffServerToClient,
  type VisitorClientToServer,
  type VisitorEvent,
  type VisitorHandshake,
  type VisitorRequests,
  type VisitorResults,
  type VisitorServerToClient,
} from '../../protocol/events.ts';
import { API_PREFIX, SESSION_COOKIE, type Me } from '../../protocol/http.ts';
import type { VisitorSession } from '../../protocol/requests.ts';
import type { Message, StaffThread } from '../../protocol/model.ts';
import { checkAck, watchPushes } from './conformance.ts';

export type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;
export type StaffSocket = Socket<StaffServerToClient, StaffClientToServer>;

interface AckEmitter {
  emitWithAck(event: string, payload: unknown): Promise<Ack<unknown>>;
}

/** Sends one event and resolves with its ack, whatever it says. */
export function call<E extends VisitorEvent>(socket: VisitorSocket, event: E, payload: Static<VisitorRequests[E]>): Promise<Ack<VisitorResults[E]>>;
export function call<E extends StaffEvent>(socket: StaffSocket, event: E, payload: Static<StaffRequests[E]>): Promise<Ack<StaffResults[E]>>;
export async function call(socket: VisitorSocket | StaffSocket, event: string, payload: unknown): Promise<Ack<unknown>> {
  const result = await (socket as unknown as AckEmitter).emitWithAck(event, payload);
  checkAck(socket, event, result);
  return result;
}

/** Sends one event and returns `ok`, failing loudly on an error ack. */
export async function ok<E extends VisitorEvent>(socket: VisitorSocket, event: E, payload: Static<VisitorRequests[E]>): Promise<VisitorResults[E]>;
export async function ok<E extends StaffEvent>(socket: StaffSocket, event: E, payload: Static<StaffRequests[E]>): Promise<StaffResults[E]>;
export async function ok(socket: VisitorSocket | StaffSocket, event: string, payload: unknown): Promise<unknown> {
  const result = await (socket as unknown as AckEmitter).emitWithAck(event, payload);
  checkAck(socket, event, result);
  if (result.error) throw new Error(`${event} failed: ${result.error.code} ${result.error.message}`);
  return result.ok;
}

export interface VisitorConnection {
  socket: VisitorSocket;
  session: VisitorSession;
  /** The token this visitor holds (issued now or passed in). */
  token: string;
}

/** Connects a patient; resolves after the relay's `session` event, rejects on connect_error. */
export function connectVisitor(
  url: string,
  options: { siteKey?: string; token?: string; origin?: string; page?: string; timeZone?: string; lang?: VisitorHandshake['lang']; forceNew?: boolean } = {},
): Promise<VisitorConnection> {
  const origin = options.origin ?? url;
  const auth: VisitorHandshake = { siteKey: options.siteKey ?? 'demo' };
  if (options.token) auth.token = options.token;
  if (options.page) auth.page = options.page;
  if (options.timeZone) auth.timeZone = options.timeZone;
  if (options.lang) auth.lang = options.lang;
  const socket: VisitorSocket = io(`${url}${NAMESPACES.visitor}`, {
    auth,
    transports: ['websocket'],
    extraHeaders: { origin },
    forceNew: options.forceNew ?? true,
    reconnection: false,
  });
  watchPushes(socket, 'visitor');
  return new Promise((resolve, reject) => {
    socket.once('session', (session) => {
      const token = session.token ?? options.token;
      if (!token) return reject(new Error('no visitor token'));
      resolve({ socket, session, token });
    });
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

export async function login(url: string, email: string, password: string): Promise<{ cookie: string; me: Me }> {
  const response = await fetch(`${url}${API_PREFIX}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login as ${email} failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const token = setCookie.match(new RegExp(`${SESSION_COOKIE}=([^;]+)`))?.[1];
  if (!token) throw new Error('login set no session cookie');
  return { cookie: `${SESSION_COOKIE}=${token}`, me: (await response.json()) as Me };
}

/** Connects a staff socket with a session cookie; resolves once connected. */
export function connectStaffWithCookie(url: string, cookie: string, origin = url): Promise<StaffSocket> {
  const socket: StaffSocket = io(`${url}${NAMESPACES.staff}`, {
    transports: ['websocket'],
    extraHeaders: { cookie, origin },
    forceNew: true,
    reconnection: false,
  });
  watchPushes(socket, 'staff');
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

export async function connectStaff(url: string, email: string, password: string): Promise<StaffSocket & { me: Me }> {
  const { cookie, me } = await login(url, email, password);
  return Object.assign(await connectStaffWithCookie(url, cookie), { me });
}

interface Emitter {
  on(event: string, listener: (value: unknown) => void): unknown;
  off(event: string, listener: (value: unknown) => void): unknown;
}

/** Resolves with the next event of that name that satisfies `match`. */
export function nextEvent<T>(socket: VisitorSocket | StaffSocket, event: string, match: (value: T) => boolean = () => true): Promise<T> {
  const emitter = socket as unknown as Emitter;
  return new Promise((resolve) => {
    const listener = (value: unknown) => {
      if (!match(value as T)) return;
      emitter.off(event, listener);
      resolve(value as T);
    };
    emitter.on(event, listener);
  });
}

/** The next new message a staff socket is told of, with the thread's row that comes with it (`message`'s second argument). */
export function nextPost(
  socket: StaffSocket,
  match: (message: Message, thread: StaffThread) => boolean = () => true,
): Promise<{ message: Message; thread: StaffThread }> {
  return new Promise((resolve) => {
    const listener = (message: Message, thread?: StaffThread) => {
      if (!thread || !match(message, thread)) return;
      socket.off('message', listener);
      resolve({ message, thread });
    };
    socket.on('message', listener);
  });
}

/**
 * Collects every event of that name that satisfies `match`, from now on. To prove an event
 * never came, await a later one on the same socket first: one socket delivers in order.
 */
export function recordEvents<T>(socket: VisitorSocket | StaffSocket, event: string, match: (value: T) => boolean = () => true): T[] {
  const seen: T[] = [];
  (socket as unknown as Emitter).on(event, (value) => {
    if (match(value as T)) seen.push(value as T);
  });
  return seen;
}

/**
 * Opens patient and staff connections to one relay and closes them all at the end of
 * a test file: `const open = trackConnections(() => relay); after(open.closeAll)`.
 */
export function trackConnections(relay: () => { url: string; password: string }) {
  const sockets: { close(): unknown }[] = [];
  return {
    async patient(options: Parameters<typeof connectVisitor>[1] = {}): Promise<VisitorConnection> {
      const connection = await connectVisitor(relay().url, options);
      sockets.push(connection.socket);
      return connection;
    },
    async staff(email = 'admin@demo.clinic'): Promise<StaffSocket & { me: Me }> {
      const socket = await connectStaff(relay().url, email, relay().password);
      sockets.push(socket);
      return socket;
    },
    closeAll(): void {
      for (const socket of sockets.splice(0)) socket.close();
    },
  };
}
