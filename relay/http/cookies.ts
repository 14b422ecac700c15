import type { IncomingHttpHeaders } from 'node:http';
import { SESSION_COOKIE } from '../../protocol/http.ts';

/** The staff session token from a raw Cookie header (Socket.IO handshakes bypass Fastify's parser). */
export function sessionTokenFromCookieHeader(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Where a request was sent: its scheme and Host, as the browser that sent it saw them. */
export interface RequestTarget {
  protocol: string;
  host: string | undefined;
}

/** The nearest proxy appends its value last, as Fastify reads it. */
const lastEntry = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(',') : value)?.split(',').at(-1)?.trim() || undefined;

/** A Socket.IO handshake's target; behind a trusted proxy its X-Forwarded-Proto and -Host, as Fastify's `request.protocol` and `request.host`. */
export function handshakeTarget(handshake: { secure: boolean; headers: IncomingHttpHeaders }, trustProxy: boolean): RequestTarget {
  const { headers } = handshake;
  const forwardedProto = trustProxy ? lastEntry(headers['x-forwarded-proto']) : undefined;
  const forwardedHost = trustProxy ? lastEntry(headers['x-forwarded-host']) : undefined;
  return { protocol: forwardedProto ?? (handshake.secure ? 'https' : 'http'), host: forwardedHost ?? headers.host };
}

const originOf = (url: string): string | null => {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
};

/**
 * True when a browser request's Origin is the relay's own: scheme, host and port equal
 * to where the request was sent, or to PUBLIC_URL's (a proxy in front may change the
 * scheme and host the relay sees). An https page is not the same origin as the http relay.
 */
export function isSameOrigin(origin: string | undefined, target: RequestTarget, publicUrl: string | null): boolean {
  const given = origin ? originOf(origin) : null;
  if (!given) return false;
  const own = target.host ? originOf(`${target.protocol}://${target.host}`) : null;
  return given === own || (publicUrl !== null && given === originOf(publicUrl));
}

/**
 * Whether the browser reached the relay over https: PUBLIC_URL's scheme when it is set
 * (the one source, whatever a proxy forwards), else the request's (X-Forwarded-Proto with
 * TRUST_PROXY). Decides the session cookie's `Secure`.
 */
export function isSecureOrigin(requestProtocol: string, publicUrl: string | null): boolean {
  return publicUrl ? publicUrl.startsWith('https:') : requestProtocol === 'https';
}
