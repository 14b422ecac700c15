/**
 * Connects the load for the bare relay: patient i and its listener both join room
 * `r<i>` through the handshake query, so each message reaches exactly one listener.
 */
import { io, type Socket } from 'socket.io-client';
import type { BareClientToServer, BareServerToClient } from './bare-protocol.ts';
import { createSocketPool, type Load, type Pair } from './load-phases.ts';
import { mapLimited } from './limited-concurrency.ts';

type BareSocket = Socket<BareServerToClient, BareClientToServer>;

function connect(url: string, room: string): Promise<BareSocket> {
  const socket: BareSocket = io(url, { transports: ['websocket'], query: { room }, forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

export async function connectBareLoad(
  url: string,
  connections: number,
  concurrency: number,
  progress: (what: string, done: number) => void,
): Promise<Load & { sockets: number }> {
  const pool = createSocketPool();
  const rooms = Array.from({ length: connections }, (_, i) => `r${i}`);
  try {
    await mapLimited(
      rooms,
      concurrency,
      async (room) => {
        const listener = pool.add(await connect(url, room));
        listener.on('message', (message) => pool.delivered(message.clientId));
      },
      (done) => progress('listeners', done),
    );
    const pairs = await mapLimited(
      rooms,
      concurrency,
      async (room): Promise<Pair> => {
        const patient = pool.add(await connect(url, room));
        return {
          send(clientId, text, acked) {
            patient.emit('send', { room, text, clientId }, (ack) => acked(ack.error === undefined));
          },
        };
      },
      (done) => progress('patients', done),
    );
    return pool.load(pairs);
  } catch (error) {
    pool.closeAll();
    throw error;
  }
}
