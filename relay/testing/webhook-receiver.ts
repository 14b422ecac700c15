/**
 * A clinic's webhook endpoint for tests: a real local HTTP server that keeps every request
 * (headers and body) in arrival order and answers each with the status `status` gives for
 * its attempt number (1-based; 204 by default).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  /** Where to point the clinic's webhook: `http://127.0.0.1:<port>/hook`. */
  url: string;
  received: WebhookRequest[];
  /** Resolves once `count` requests have arrived in all. */
  arrived(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(status: (attempt: number) => number = () => 204): Promise<WebhookReceiver> {
  const received: WebhookRequest[] = [];
  const waiting: { count: number; wake(): void }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = status(received.length);
      res.end();
      for (const waiter of waiting.filter((w) => received.length >= w.count)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.wake();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    arrived: (count) => (received.length >= count ? Promise.resolve() : new Promise((wake) => waiting.push({ count, wake }))),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // The relay's HTTP client keeps its connection alive: close does not wait for it.
        server.closeAllConnections();
      }),
  };
}
