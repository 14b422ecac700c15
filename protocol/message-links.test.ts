import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkParts, type TextPart } from './message-links.ts';

const link = (text: string, href = text): TextPart => ({ text, href });

test('http(s), mailto and tel addresses become links whose text is the address as written', () => {
  assert.deepEqual(linkParts('Анализы: https://clinic.example/results?id=7 или mailto:info@clinic.example, tel:+74951234567'), [
    { text: 'Анализы: ' },
    link('https://clinic.example/results?id=7'),
    { text: ' или ' },
    link('mailto:info@clinic.example'),
    { text: ', ' },
    link('tel:+74951234567'),
  ]);
  assert.deepEqual(linkParts('HTTP://Clinic.Example'), [{ text: 'HTTP://Clinic.Example', href: 'http://clinic.example/' }]);
});

test('javascript:, data: and other schemes, and addresses that do not parse, stay text', () => {
  for (const text of [
    'javascript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'vbscript:msgbox',
    'https://',
    'https://[::1',
    'xhttps://clinic.example',
  ]) {
    assert.deepEqual(linkParts(text), [{ text }], text);
  }
});

test('a sentence’s punctuation and an enclosing bracket stay outside the link, the address’s own bracket inside', () => {
  assert.deepEqual(linkParts('See https://clinic.example/a.'), [{ text: 'See ' }, link('https://clinic.example/a'), { text: '.' }]);
  assert.deepEqual(linkParts('(https://clinic.example/a), then'), [{ text: '(' }, link('https://clinic.example/a'), { text: '), then' }]);
  assert.deepEqual(linkParts('(https://en.wikipedia.org/wiki/A_(B))'), [{ text: '(' }, link('https://en.wikipedia.org/wiki/A_(B)'), { text: ')' }]);
});

test('the parts join back to the text', () => {
  const text = 'a https://x.example/<b> "tel:1" javascript:x mailto:a@b.example.\nend';
  assert.equal(
    linkParts(text)
      .map((part) => part.text)
      .join(''),
    text,
  );
});
