import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandStats } from './redis-stats.ts';

test('INFO commandstats is read as calls per command, script commands included', () => {
  const info = [
    '# Commandstats',
    'cmdstat_evalsha:calls=10,usec=500,usec_per_call=50.00,rejected_calls=0,failed_calls=0',
    'cmdstat_xadd:calls=10,usec=40,usec_per_call=4.00,rejected_calls=0,failed_calls=0',
    '',
  ].join('\r\n');
  assert.deepEqual(parseCommandStats(info), { evalsha: 10, xadd: 10 });
});
