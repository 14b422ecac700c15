import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((message) => message.ruleId ?? 'fatal');
}

test('the import rules of design.md are enforced per folder', async () => {
  assert.deepEqual(await ruleIds('protocol/probe.ts', "import { RelayError } from '../relay/errors.ts';\nexport const x = RelayError;\n"), [
    'no-restricted-imports',
  ]);
  assert.deepEqual(await ruleIds('widget/client/probe.ts', "import { startRelay } from '../../relay/relay-server.ts';\nexport const x = startRelay;\n"), [
    'no-restricted-imports',
  ]);
  assert.deepEqual(await ruleIds('widget/client/probe.ts', "import { x } from '../../console/state/workspace.ts';\nexport const y = x;\n"), [
    'no-restricted-imports',
  ]);
  assert.deepEqual(await ruleIds('console/state/probe.ts', "import { keys } from '../../relay/store/keys.ts';\nexport const x = keys;\n"), [
    'no-restricted-imports',
  ]);
  assert.deepEqual(await ruleIds('relay/store/probe.ts', "import { x } from '../../widget/client/index.ts';\nexport const y = x;\n"), [
    'no-restricted-imports',
  ]);
});

test('allowed imports pass: browser code and relay use protocol/, the console uses the widget client', async () => {
  assert.deepEqual(await ruleIds('widget/client/probe.ts', "import { LIMITS } from '../../protocol/limits.ts';\nexport const x = LIMITS;\n"), []);
  assert.deepEqual(await ruleIds('console/state/probe.ts', "import { backoff } from '../../widget/client/client-core.ts';\nexport const x = backoff;\n"), []);
  assert.deepEqual(await ruleIds('relay/store/probe.ts', "import { LIMITS } from '../../protocol/limits.ts';\nexport const x = LIMITS;\n"), []);
});

test('a swallowed error does not pass', async () => {
  assert.deepEqual(await ruleIds('relay/probe.ts', 'try { JSON.parse("{"); } catch {}\n'), ['no-empty']);
});
