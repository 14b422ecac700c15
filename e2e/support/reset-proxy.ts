/**
 * A TCP proxy in front of a relay that resets WebSocket connections the way a middlebox
 * does (a corporate proxy, a mobile carrier's NAT): `resetWebSockets()` sends a TCP RST on
 * every open one, and while `blockWebSockets` is set every new WebSocket upgrade is reset
 * at once. Plain HTTP (the long-polling transport, pages, scripts) passes untouched. It
 * listens before the relay starts, so the relay's PUBLIC_URL can name it and the page it
 * serves is same-origin with the chat, as on a clinic that hosts the page on the relay.
 */
import { createServer, connect, type Socket } from 'node:net';
import { once } from 'node:events';

export interface ResetProxy {
  url: string;
  /** Where to forward; set once the relay listens. */
  target: number;
  /** While true, a new WebSocket upgrade is reset before it reaches the relay. */
  blockWebSockets: boolean;
  /** Resets every open WebSocket connection; resolves with how many there were. */
  resetWebSockets(): number;
  close(): Promise<void>;
}

const isUpgrade = (head: Buffer) => /\r\nupgrade:\s*websocket/i.test(head.toString('latin1'));

export async function startResetProxy(): Promise<ResetProxy> {
  const webSockets = new Set<{ client: Socket; upstream: Socket }>();
  const all = new Set<Socket>();
  const server = createServer((client) => {
    all.add(client);
    client.once('close', () => all.delete(client));
    client.once('data', (head) => {
      const upgrade = isUpgrade(head);
      if (upgrade && proxy.blockWebSockets) return client.resetAndDestroy();
      const upstream = connect(proxy.target, '127.0.0.1');
      all.add(upstream);
      const pair = { client, upstream };
      if (upgrade) webSockets.add(pair);
      const end = () => {
        webSockets.delete(pair);
        all.delete(upstream);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
      upstream.write(head);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const proxy: ResetProxy = {
    url: `http://127.0.0.1:${port}`,
    target: 0,
    blockWebSockets: false,
    resetWebSockets() {
      const open = [...webSockets];
      for (const { client, upstream } of open) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      webSockets.clear();
      return open.length;
    },
    async close() {
      for (const socket of all) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
  return proxy;
}
