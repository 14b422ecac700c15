import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedRate } from './fixed-rate.ts';

test('the fixed rate drops to 70% of the lower saturation only when the configured rate is past it', () => {
  assert.deepEqual(fixedRate({ rate: 5_000, adaptRate: true }, { msgsPerSec: 4_000 }), { rate: 2_800, source: 'adapted' });
  assert.deepEqual(fixedRate({ rate: 5_000, adaptRate: true }, { msgsPerSec: 9_000 }), { rate: 5_000, source: 'configured' });
  assert.deepEqual(fixedRate({ rate: 5_000, adaptRate: true }, null), { rate: 5_000, source: 'configured' }, 'no saturation phase');
  assert.deepEqual(fixedRate({ rate: 5_000, adaptRate: false }, { msgsPerSec: 4_000 }), { rate: 5_000, source: 'configured' });
  assert.deepEqual(
    fixedRate({ rate: 5_000, adaptRate: true }, { msgsPerSec: 9_000 }, { msgsPerSec: 2_000 }),
    { rate: 1_400, source: 'adapted' },
    'ours is the lower',
  );
  assert.deepEqual(fixedRate({ rate: 5_000, adaptRate: true }, null, { msgsPerSec: 2_000 }), { rate: 1_400, source: 'adapted' }, 'ours alone');
});
