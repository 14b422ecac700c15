/**
 * HTTP requests under way, for shutdown. Node's `server.close()`, which Fastify's close
 * awaits, ends only the keep-alive connections idle at that moment: a connection that has
 * sent no request yet (a browser's spare socket, every connection a TLS front opens ahead)
 * or whose response ends later stays open until the client hangs up, so `relay.close()`
 * waited for minutes in browser runs. The relay therefore lets the requests under way
 * finish (`drained`), and Fastify then closes every connection (`forceCloseConnections`).
 */
import type { Server } from 'node:http';
import { createInFlight } from '../realtime/in-flight.ts';

/** Counts every request the server answers, Socket.IO's long-polls included: call after Socket.IO attached (it re-wraps earlier listeners). */
export function trackRequests(server: Server): { drained(): Promise<void> } {
  const requests = createInFlight();
  server.on('request', (_request, response) => {
    // 'close' comes whether the response finished or the client went away.
    void requests.track(() => new Promise((resolve) => response.once('close', resolve)));
  });
  return { drained: () => requests.drained() };
}
