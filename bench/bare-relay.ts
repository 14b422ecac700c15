/**
 * The reference relay the benchmark compares ours with: a plain Socket.IO server that
 * on `send` appends to a Redis stream (XADD), emits to the room and acks with the
 * stream id — no validation, no auth, no metadata. Same socket.io and ioredis as the
 * relay, same ioredis auto-pipelining, websocket transport.
 *
 * Run as a child process by run-bench.ts: REDIS_URL and PORT from the environment;
 * prints "bare relay is up at <url>" when listening; SIGTERM stops it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { BARE_READY_TEXT, type BareClientToServer, type BareServerToClient } from './bare-protocol.ts';

const HOST = '127.0.0.1';

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) throw new Error('REDIS_URL: expected a redis:// URL');
const port = Number(process.env.PORT ?? 0);

const redis = new Redis(redisUrl, { enableAutoPipelining: true, maxRetriesPerRequest: 3 });
const http = createServer();
const io = new Server<BareClientToServer, BareServerToClient>(http, { serveClient: false, transports: ['websocket'] });

io.on('connection', (socket) => {
  const room = socket.handshake.query.room;
  if (typeof room === 'string') void socket.join(room);
  socket.on('send', (payload, ack) => {
    redis.xadd(`bare:{${payload.room}}`, '*', 'd', JSON.stringify(payload)).then(
      (id) => {
        io.to(payload.room).emit('message', { ...payload, id: id! });
        ack({ id: id! });
      },
      (error: unknown) => ack({ error: String(error) }),
    );
  });
});

http.listen(port, HOST, () => {
  const { port: actual } = http.address() as AddressInfo;
  console.log(`${BARE_READY_TEXT} http://${HOST}:${actual}`);
});

process.on('SIGTERM', () => {
  io.disconnectSockets(true);
  io.close(() => {
    void redis.quit().finally(() => process.exit(0));
  });
});
