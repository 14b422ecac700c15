/**
 * Measuring parts of the relay from outside them, so the stores, the fan-out and the
 * channels stay unaware of metrics: each function returns (or patches) the same
 * interface with a timer around it.
 */
import type { Redis } from 'ioredis';
import type { Channel } from '../notify/channel.ts';
import type { Channels } from '../notify/notify-channels.ts';
import type { FanOut } from '../realtime/fan-out.ts';
import { fromRedisError } from '../store/redis-errors.ts';
import type { RelayMetrics } from './relay-metrics.ts';

/** A label is a short upper-case word; anything else is summarised, never copied. */
const LABEL_CODE = /^[A-Z][A-Z0-9_]{0,31}$/;

function redisErrorCode(error: unknown): string {
  const relayError = fromRedisError(error);
  if (relayError?.code === 'RELAY_ERR_STORE_UNAVAILABLE') return 'UNAVAILABLE';
  const reply = relayError?.message;
  return reply && LABEL_CODE.test(reply) ? reply : 'OTHER';
}

/**
 * Times every command the client sends. ioredis sends each command, pipelined ones
 * included, through `sendCommand`, and a command's `promise` settles with its reply.
 */
export function instrumentRedis(redis: Redis, metrics: RelayMetrics): void {
  // Every argument passes through: a Cluster's sendCommand takes a third, the node a pipeline chose.
  const send = redis.sendCommand.bind(redis) as (...args: unknown[]) => unknown;
  redis.sendCommand = ((command: Parameters<Redis['sendCommand']>[0], ...rest: unknown[]) => {
    const startedAt = performance.now();
    const name = command.name.toLowerCase();
    command.promise.then(
      () => metrics.observeRedis(name, startedAt, null),
      (error: unknown) => metrics.observeRedis(name, startedAt, redisErrorCode(error)),
    );
    return send(command, ...rest);
  }) as Redis['sendCommand'];
}

export function instrumentFanOut(fanOut: FanOut, metrics: RelayMetrics): FanOut {
  const timed =
    <A extends unknown[]>(kind: string, fn: (...args: A) => void) =>
    (...args: A): void => {
      const startedAt = performance.now();
      fn(...args);
      metrics.observeFanOut(kind, startedAt);
    };
  return {
    message: timed('message', fanOut.message),
    posted: timed('message', fanOut.posted),
    thread: timed('thread', fanOut.thread),
    typing: timed('typing', fanOut.typing),
    read: timed('read', fanOut.read),
  };
}

function instrumentChannel(channel: Channel, metrics: RelayMetrics): Channel {
  return {
    kind: channel.kind,
    async send(to, message) {
      const result = await channel.send(to, message);
      metrics.notificationSend(channel.kind, result.ok ? 'sent' : result.permanent ? 'refused' : 'failed');
      return result;
    },
    close: () => channel.close(),
  };
}

export function instrumentChannels(channels: Channels, metrics: RelayMetrics): Channels {
  return Object.fromEntries(Object.entries(channels).map(([kind, channel]) => [kind, instrumentChannel(channel, metrics)]));
}
