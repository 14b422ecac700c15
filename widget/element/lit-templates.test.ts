import { test } from 'node:test';
import assert from 'node:assert/strict';
import { html as litHtml, nothing as litNothing } from 'lit-html';
// @ts-expect-error: a plain module of the build, without types of its own.
import { html, nothing } from './lit-templates.mjs';

test('the messages chunk’s `html` and `nothing` make what lit-html’s do, so the chat chunk’s Lit renders them', () => {
  const made = (tag: typeof litHtml, who: string) => tag`<p class="x">${who}</p>`;
  assert.deepEqual(made(html as typeof litHtml, 'Anna'), made(litHtml, 'Anna'));
  assert.equal(nothing, litNothing);
});
