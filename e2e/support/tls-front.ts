/**
 * An https front for a relay in a browser test: a TLS listener that passes every
 * connection on to the relay's plain port, as a TLS-terminating proxy does, with a
 * self-signed certificate for localhost and 127.0.0.1 made for the test (the browser
 * context ignores its HTTPS errors). Listens before the relay starts, so PUBLIC_URL can name it.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';

/** A key and self-signed certificate valid for localhost and 127.0.0.1. */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-chat-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TlsFront {
  port: number;
  /** The relay's plain port; set once it listens. */
  target: number;
  close(): Promise<void>;
}

export async function startTlsFront(credentials: { key: Buffer; cert: Buffer }): Promise<TlsFront> {
  const open = new Set<Socket>();
  let closing = false;
  const server = createServer(credentials, (client) => {
    const upstream = connect(front.target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
    }
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  // A connection still in its TLS handshake (a browser reconnecting while the test ends) is
  // not yet a client above: track it from its first byte, so close() ends it too.
  server.on('connection', (socket: Socket) => {
    // One the OS accepted before close() and handed over after it would hold close() open
    // as long as the browser keeps it: end it at once.
    if (closing) return socket.destroy();
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  // Every address (IPv6 too): the browser may reach "localhost" as ::1.
  server.listen(0);
  await once(server, 'listening');
  const front: TlsFront = {
    port: (server.address() as { port: number }).port,
    target: 0,
    async close() {
      closing = true;
      for (const socket of open) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
  return front;
}
