/**
 * Plain values of the protocol with no runtime dependencies: browser bundles import
 * them from here so no schema code comes along.
 */
export const NAMESPACES = { visitor: '/visitor', staff: '/staff' } as const;

export const API_PREFIX = '/api/v1';

/** Name of the HttpOnly cookie that carries a staff session. */
export const SESSION_COOKIE = 'cc_staff';

export const ROLES = ['owner', 'admin', 'doctor', 'complaints', 'head'] as const;
export type Role = (typeof ROLES)[number];

export const THREAD_STATUSES = ['open', 'waiting', 'solved', 'closed'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

export const THREAD_KINDS = ['general', 'doctor'] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];

/** Which side of a conversation someone is on: for typing and read cursors. */
export const SIDES = ['patient', 'staff'] as const;
export type Side = (typeof SIDES)[number];
