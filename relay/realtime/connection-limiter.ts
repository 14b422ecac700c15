/**
 * Open connections per client address on this relay. Socket.IO's `allowRequest` refuses a
 * new engine handshake (HTTP 403) once an address holds `max` connections, before any
 * namespace reads Redis; the count falls as connections close. It is per relay on
 * purpose: it bounds this process's memory and file descriptors, while the handshake
 * limiter (handshake-limiter.ts) is the budget shared by all relays.
 */
import type { IncomingMessage } from 'node:http';
import { clientAddress } from './handshake-limiter.ts';

/** The part of engine.io's server this needs. */
interface Engine {
  on(event: 'connection', listener: (socket: { request: IncomingMessage; once(event: 'close', listener: () => void): unknown }) => void): unknown;
}

export function createConnectionLimiter(options: { max: number; trustProxy: boolean }) {
  const open = new Map<string, number>();
  const addressOf = (request: IncomingMessage) => clientAddress({ address: request.socket.remoteAddress ?? '', headers: request.headers }, options.trustProxy);
  return {
    /** Socket.IO's `allowRequest` option. */
    allowRequest(request: IncomingMessage, callback: (message: string | null | undefined, success: boolean) => void): void {
      const count = open.get(addressOf(request)) ?? 0;
      callback(count < options.max ? null : 'too many connections from this address', count < options.max);
    },
    /** Counts the engine's connections by address from now on. */
    watch(engine: Engine): void {
      engine.on('connection', (socket) => {
        const address = addressOf(socket.request);
        open.set(address, (open.get(address) ?? 0) + 1);
        socket.once('close', () => {
          const left = open.get(address)! - 1;
          if (left === 0) open.delete(address);
          else open.set(address, left);
        });
      });
    },
    openFrom(address: string): number {
      return open.get(address) ?? 0;
    },
  };
}
