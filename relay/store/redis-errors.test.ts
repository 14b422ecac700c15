/**
 * What a Cluster client throws when no node answers, or while a failover moves slots,
 * is UNAVAILABLE (the client retries), as a single Redis's refused connection is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplyError } from 'ioredis';
import { freePort } from './local-redis-server.ts';
import { connectTo } from './redis-client.ts';
import { fromRedisError } from './redis-errors.ts';

test('a cluster with no reachable node, CLUSTERDOWN and TRYAGAIN are UNAVAILABLE; other replies keep their code', async () => {
  const redis = connectTo({ nodes: [`127.0.0.1:${await freePort()}`], tls: false });
  redis.on('error', () => undefined);
  try {
    const error = await redis.get('any').then(
      () => null,
      (rejection: unknown) => rejection,
    );
    assert.equal(fromRedisError(error)?.code, 'RELAY_ERR_STORE_UNAVAILABLE');
  } finally {
    redis.disconnect();
  }
  const reply = (text: string) => new (ReplyError as new (message: string) => Error)(text);
  assert.equal(fromRedisError(reply('CLUSTERDOWN The cluster is down'))?.code, 'RELAY_ERR_STORE_UNAVAILABLE');
  assert.equal(fromRedisError(reply('TRYAGAIN Multiple keys request during rehashing of slot'))?.code, 'RELAY_ERR_STORE_UNAVAILABLE');
  const crossSlot = fromRedisError(reply("CROSSSLOT Keys in request don't hash to the same slot"));
  assert.equal(crossSlot?.code, 'RELAY_ERR_STORE_REPLY');
  assert.match(crossSlot?.message ?? '', /CROSSSLOT$/);
});
