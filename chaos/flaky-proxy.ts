/**
 * A TCP proxy on loopback (node:net) that makes the network bad between clients and the
 * relay: every chunk is held for a random latency (order kept per direction), and every
 * connection is reset after a random lifetime. It also adds the `Origin` header a
 * browser would send to a request that has none (Node clients send none, and the relay
 * refuses a visitor handshake without one); nothing else of HTTP is touched.
 */
import { createServer, connect, type Socket } from 'node:net';
import { once } from 'node:events';

export interface FlakyProxyOptions {
  upstreamPort: number;
  origin: string;
  /** Latency added to each chunk, each way: uniform in [min, max] ms. */
  latencyMs: [number, number];
  /** Each connection is reset after a lifetime uniform in [min, max] ms. */
  lifetimeMs: [number, number];
}

export interface FlakyProxy {
  url: string;
  /** Connections reset by the proxy so far. */
  readonly resets: number;
  close(): Promise<void>;
}

const uniform = ([min, max]: [number, number]) => min + Math.random() * (max - min);
const HEAD_END = '\r\n\r\n';

/** Adds `Origin` to a request head without one. */
function withOrigin(head: string, origin: string): string {
  if (/\r\norigin:/i.test(head.slice(0, head.indexOf(HEAD_END)))) return head;
  const lineEnd = head.indexOf('\r\n');
  return `${head.slice(0, lineEnd)}\r\nOrigin: ${origin}${head.slice(lineEnd)}`;
}

/** Forwards `from` to `to`, each chunk after its own delay, never reordering. */
function delayedPipe(from: Socket, to: Socket, latency: [number, number], rewrite?: (chunk: Buffer) => Buffer) {
  let chain = Promise.resolve();
  from.on('data', (chunk: Buffer) => {
    const data = rewrite ? rewrite(chunk) : chunk;
    const due = Date.now() + uniform(latency);
    chain = chain.then(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(
            () => {
              if (!to.destroyed) to.write(data);
              resolve();
            },
            Math.max(0, due - Date.now()),
          ),
        ),
    );
  });
}

export async function startFlakyProxy(options: FlakyProxyOptions): Promise<FlakyProxy> {
  let resets = 0;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(options.upstreamPort, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    // Every request head on this connection gets an Origin (keep-alive carries several when long-polling).
    let pending = '';
    let upgraded = false;
    const rewrite = (chunk: Buffer): Buffer => {
      // After a WebSocket upgrade the bytes are frames, not requests.
      if (upgraded) return chunk;
      const text = pending + chunk.toString('latin1');
      if (!/^(GET|POST) /.test(text) && pending === '') return chunk;
      const end = text.indexOf(HEAD_END);
      if (end < 0) {
        pending = text;
        return Buffer.alloc(0);
      }
      pending = '';
      upgraded = /\r\nupgrade: websocket/i.test(text.slice(0, end));
      return Buffer.from(withOrigin(text, options.origin), 'latin1');
    };
    delayedPipe(client, upstream, options.latencyMs, rewrite);
    delayedPipe(upstream, client, options.latencyMs);
    const timer = setTimeout(() => {
      resets += 1;
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    }, uniform(options.lifetimeMs));
    const end = () => {
      clearTimeout(timer);
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    get resets() {
      return resets;
    },
    async close() {
      for (const socket of open) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
