/**
 * The widget's size budgets (gzip, as browsers download it). Sizes are deterministic, so
 * they are a test, run on the built files: `npx rollup -c` first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const KB = 1024;
/** The script tag's file: on every page of the clinic's site. */
const LOADER_MAX = 2 * KB;
/** Everything a patient downloads before their first message is sent: loader + chat chunk + one language's words. */
const FIRST_MESSAGE_MAX = 30 * KB;
/**
 * The opt-in for reply notices, fetched after the first message: the form, its words and
 * its own copy of Lit (two classic scripts share no modules).
 */
const CONTACT_MAX = 10 * KB;
/**
 * Files before sending and in messages (issue 9), fetched when a file is first attached or
 * shown: the tray, the file list, uploading, their words and, again, Lit.
 */
const ATTACH_MAX = 12 * KB;

const dist = fileURLToPath(new URL('../dist/widget/', import.meta.url));
const gzipped = (file: string) => gzipSync(readFileSync(dist + file), { level: 9 }).length;

function chatChunk(): string {
  const loader = readFileSync(`${dist}widget.js`, 'utf8');
  const name = loader.match(/chat-[A-Za-z0-9_-]+\.js/)?.[0];
  assert.ok(name, 'widget.js names its chat chunk');
  return name;
}

test('the built widget is present', () => {
  assert.ok(existsSync(`${dist}widget.js`), 'dist/widget/widget.js exists: run `npx rollup -c` first');
  assert.ok(existsSync(dist + chatChunk()), 'the chat chunk the loader names exists');
});

test(`the loader is at most ${LOADER_MAX} bytes gzipped`, () => {
  const size = gzipped('widget.js');
  assert.ok(size <= LOADER_MAX, `widget.js is ${size} B gzipped`);
});

test(`loader plus everything fetched before the first message is at most ${FIRST_MESSAGE_MAX} bytes gzipped`, () => {
  const chunk = chatChunk();
  const source = readFileSync(dist + chunk, 'utf8');
  // The chunk is one classic script: no module chunks; the one script it adds (the contact
  // chunk, after the first message) is outside this budget and has its own below.
  assert.doesNotMatch(source, /\bimport\(/, 'the chat chunk loads no module chunks');
  // And the words of the patient's language, fetched by the chunk: the larger of them.
  const words = ['en', 'ru'].map((language) => source.match(new RegExp(`words-${language}-[A-Za-z0-9_-]+\\.js`))?.[0]);
  assert.ok(words.every(Boolean), 'the chat chunk names its words scripts');
  const largest = words.map((file) => file!).sort((a, b) => gzipped(b) - gzipped(a))[0]!;
  const size = gzipped('widget.js') + gzipped(chunk) + gzipped(largest);
  assert.ok(size <= FIRST_MESSAGE_MAX, `widget.js + ${chunk} + ${largest} are ${size} B gzipped`);
});

test('the chat chunk carries no TypeBox (the protocol schemas stay on the relay)', () => {
  const map = JSON.parse(readFileSync(`${dist + chatChunk()}.map`, 'utf8')) as { sources: string[] };
  assert.deepEqual(
    map.sources.filter((source) => source.includes('typebox')),
    [],
  );
});

test(`the contact chunk, fetched after the first message, is at most ${CONTACT_MAX} bytes gzipped`, () => {
  const { contact } = JSON.parse(readFileSync(`${dist}chunks.json`, 'utf8')) as { contact: string };
  assert.ok(readFileSync(dist + chatChunk(), 'utf8').includes(contact), 'the chat chunk names the contact chunk');
  const size = gzipped(contact);
  assert.ok(size <= CONTACT_MAX, `${contact} is ${size} B gzipped`);
});

test(`the attach chunk, fetched when a file is first attached or shown, is at most ${ATTACH_MAX} bytes gzipped`, () => {
  const chat = readFileSync(dist + chatChunk(), 'utf8');
  const attach = chat.match(/attach-[A-Za-z0-9_-]+\.js/)?.[0];
  assert.ok(attach, 'the chat chunk names the attach chunk');
  // The upload UI stays out of the chat chunk: only the attach chunk carries it.
  assert.doesNotMatch(chat, /XMLHttpRequest/, 'the chat chunk carries no upload code');
  const size = gzipped(attach);
  assert.ok(size <= ATTACH_MAX, `${attach} is ${size} B gzipped`);
});

/** A complaint's status steps and the patient's answer (issue 13): fetched by the contact chunk, only in such a thread; its own Lit. */
const REVIEW_MAX = 10 * KB;

test(`the review chunk, fetched only in a complaint with a review or steps, is at most ${REVIEW_MAX} bytes gzipped`, () => {
  const { contact } = JSON.parse(readFileSync(`${dist}chunks.json`, 'utf8')) as { contact: string };
  const review = readFileSync(dist + contact, 'utf8').match(/review-[A-Za-z0-9_-]+\.js/)?.[0];
  assert.ok(review, 'the contact chunk names the review chunk');
  const size = gzipped(review);
  assert.ok(size <= REVIEW_MAX, `${review} is ${size} B gzipped`);
});

/** Doctor cards and booking requests (issue 13 §3): fetched when the panel opens, outside the first-message budget; its own Lit and words. */
const PEOPLE_MAX = 10 * KB;

test(`the people chunk, fetched when the panel opens, is at most ${PEOPLE_MAX} bytes gzipped`, () => {
  const people = readFileSync(dist + chatChunk(), 'utf8').match(/people-[A-Za-z0-9_-]+\.js/)?.[0];
  assert.ok(people, 'the chat chunk names the people chunk');
  const size = gzipped(people);
  assert.ok(size <= PEOPLE_MAX, `${people} is ${size} B gzipped`);
});

/**
 * The conversation's list (element/message-list.ts), fetched once there is something to list:
 * issue 13 §3 moved it out of the chat chunk to pay for the first screen. Templates only: the
 * chat chunk's Lit renders them, so it carries no Lit of its own.
 */
const MESSAGES_MAX = 2 * KB;

test(`the conversation list's chunk, fetched once there are messages, is at most ${MESSAGES_MAX} bytes gzipped`, () => {
  const chat = readFileSync(dist + chatChunk(), 'utf8');
  const messages = chat.match(/messages-[A-Za-z0-9_-]+\.js/)?.[0];
  assert.ok(messages, 'the chat chunk names the messages chunk');
  // The list's code stays out of the chat chunk: its system lines' words are looked up only there.
  assert.doesNotMatch(chat, /system\.assigned/, 'the chat chunk carries no message list');
  const size = gzipped(messages);
  assert.ok(size <= MESSAGES_MAX, `${messages} is ${size} B gzipped`);
});

/**
 * Cookie mode's token source (client/cookie-credential.ts), fetched only by an element with
 * `credential="cookie"` (issue 10 §4): pages without the attribute never download it.
 */
const COOKIE_MAX = 1 * KB;

test(`cookie mode's chunk, fetched only for credential="cookie", is at most ${COOKIE_MAX} bytes gzipped`, () => {
  const chat = readFileSync(dist + chatChunk(), 'utf8');
  const cookie = chat.match(/cookie-[A-Za-z0-9_-]+\.js/)?.[0];
  assert.ok(cookie, 'the chat chunk names the cookie chunk');
  // The credential request stays out of the chat chunk: only the cookie chunk carries it.
  assert.doesNotMatch(chat, /visitor\/credential/, 'the chat chunk carries no cookie-mode code');
  assert.match(readFileSync(dist + cookie, 'utf8'), /visitor\/credential/, 'the cookie chunk carries it');
  const size = gzipped(cookie);
  assert.ok(size <= COOKIE_MAX, `${cookie} is ${size} B gzipped`);
});
