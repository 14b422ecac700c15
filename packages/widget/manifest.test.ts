/**
 * custom-elements.json and vscode.html-custom-data.json are generated from <clinic-chat>'s
 * source (build/manifest.mjs) and committed, so editors and docs tools read them from the
 * repository too. They must say what the element does: regenerated, they are unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateManifests } from './build/manifest.mjs';

const committed = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

test('custom-elements.json and the VS Code data are what the element’s JSDoc and properties generate (`node packages/widget/build/build.mjs` rewrites them)', () => {
  const generated = generateManifests();
  for (const [name, text] of Object.entries(generated)) assert.equal(committed(name), text, `${name} drifted from the element`);
});

test('the manifest describes the shipped JavaScript and every attribute, event, part and custom property of the element', () => {
  const manifest = JSON.parse(committed('custom-elements.json'));
  const [module] = manifest.modules;
  assert.equal(module.path, 'dist/widget.js');
  const element = module.declarations[0];
  assert.equal(element.tagName, 'clinic-chat');
  assert.deepEqual(
    element.attributes.map((attribute: { name: string }) => attribute.name),
    ['site-key', 'relay', 'lang', 'position', 'accent', 'open', 'mode', 'resume-token', 'credential'],
  );
  assert.deepEqual(
    element.events.map((event: { name: string }) => event.name),
    ['clinic-chat:ready', 'clinic-chat:open', 'clinic-chat:close', 'clinic-chat:message', 'clinic-chat:unread', 'clinic-chat:error'],
  );
  const position = element.attributes.find((attribute: { name: string }) => attribute.name === 'position');
  assert.equal(position.type.text, '"right" | "left"');
  assert.ok(element.cssParts.some((part: { name: string }) => part.name === 'launcher'));
  assert.ok(element.cssProperties.some((property: { name: string }) => property.name === '--clinic-chat-offset-y'));
});
