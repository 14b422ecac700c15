/**
 * The staff namespace's socket, typed by the protocol's event maps. Requests go through
 * `request` of the widget's client core (widget/client/client-core.ts), the same as the widget's.
 */
import { io, type Socket } from 'socket.io-client';
import type { StaffClientToServer, StaffServerToClient } from '../../protocol/events.ts';
import { NAMESPACES } from '../../protocol/constants.ts';
import { request } from '../../widget/client/client-core.ts';
import type { ClinicAdminRequests } from '../state/clinic-admin.ts';
import type { AnswerRequests } from '../state/ready-answers.ts';
import type { ReviewToolRequests } from '../state/review-tools.ts';
import type { PushSubscriptionBody } from '../../protocol/push.ts';

export type StaffSocket = Socket<StaffServerToClient, StaffClientToServer>;

const RECONNECT = {
  /** First retry soon: most drops are a relay restart or a brief network loss. */
  reconnectionDelay: 500,
  /** Never wait longer than this between attempts, so a console comes back promptly. */
  reconnectionDelayMax: 4_000,
} as const;

export function createStaffSocket(): StaffSocket {
  return io(NAMESPACES.staff, {
    withCredentials: true,
    transports: ['websocket', 'polling'],
    autoConnect: false,
    ...RECONNECT,
  });
}

/** The owner's staff and clinic requests over this socket. */
export function clinicAdminRequests(socket: StaffSocket): ClinicAdminRequests {
  return {
    listStaff: () => request(socket, 'staff:list', { all: true }),
    addStaff: (input) => request(socket, 'staff:add', input),
    updateStaff: (input) => request(socket, 'staff:update', input),
    resetPassword: (staffId) => request(socket, 'staff:reset-password', { staffId }),
    getClinic: () => request(socket, 'clinic:get', {}),
    updateClinic: (changes) => request(socket, 'clinic:update', changes),
    getQueue: () => request(socket, 'queue:get', {}),
    updateQueue: (changes) => request(socket, 'queue:update', changes),
  };
}

/** The clinic's ready answers over this socket. */
export function answerRequests(socket: StaffSocket): AnswerRequests {
  return {
    list: () => request(socket, 'answers:list', {}),
    save: (answer) => request(socket, 'answers:save', answer),
    remove: (id) => request(socket, 'answers:delete', { id }),
    use: (threadId, answerId) => request(socket, 'answers:use', { threadId, answerId }),
  };
}

/** Review settings, review conversations, API keys and webhooks (issue 13) over this socket. */
export function reviewToolRequests(socket: StaffSocket): ReviewToolRequests {
  return {
    settings: () => request(socket, 'reviews:settings', {}),
    update: (changes) => request(socket, 'reviews:settings-update', changes),
    start: (review) => request(socket, 'reviews:start', review),
    deliveries: () => request(socket, 'webhooks:deliveries', {}),
    replay: (eventId) => request(socket, 'webhooks:replay', { eventId }),
    keys: () => request(socket, 'integration:keys', {}),
    createKey: (label) => request(socket, 'integration:key-create', { label }),
    revokeKey: (keyId) => request(socket, 'integration:key-revoke', { keyId }),
    setWebhook: (url) => request(socket, 'webhooks:set', { url }),
  };
}

/** Web Push on this device (ui/push-setup.ts): the relay's key and this browser's subscription. */
export interface PushRequests {
  key(): Promise<{ publicKey: string }>;
  subscribe(subscription: PushSubscriptionBody): Promise<object>;
  unsubscribe(endpoint: string): Promise<object>;
}

export function pushRequests(socket: StaffSocket): PushRequests {
  return {
    key: () => request(socket, 'push:key', {}),
    subscribe: (subscription) => request(socket, 'push:subscribe', subscription),
    unsubscribe: (endpoint) => request(socket, 'push:unsubscribe', { endpoint }),
  };
}
