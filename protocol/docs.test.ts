/**
 * protocol/README.md and the code say the same thing, both ways: every event (each way,
 * each namespace) and every error code is documented, and every documented one exists.
 * The HTTP routes are checked against the running relay by relay/http/documented-routes.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ERRORS } from './errors.ts';
import { STAFF_REQUESTS, VISITOR_REQUESTS, type StaffServerToClient, type VisitorServerToClient } from './events.ts';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');

/**
 * The push events as values. `Record<keyof …, true>` makes tsc fail when an event is added
 * to or removed from the interface without this list following.
 */
const VISITOR_PUSHES: Record<keyof VisitorServerToClient, true> = {
  'session': true,
  'message': true,
  'thread:update': true,
  'typing': true,
  'read': true,
  'event:error': true,
};
const STAFF_PUSHES: Record<keyof StaffServerToClient, true> = {
  'message': true,
  'thread:update': true,
  'typing': true,
  'read': true,
  'event:error': true,
  'session:end': true,
};

/** The text of one `## ` section, from its heading to the next. */
function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README has a "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** Splits a section at a line that starts with `marker`. */
function splitAt(text: string, marker: string): [string, string] {
  const at = text.indexOf(`\n${marker}`);
  assert.ok(at >= 0, `README has a line starting "${marker}"`);
  return [text.slice(0, at), text.slice(at)];
}

/** The back-quoted first cells of a markdown table's rows (header and rule rows have none). */
function firstCells(text: string): string[] {
  return [...text.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
}

/** Event names written in back quotes in prose. */
function namesInProse(text: string): string[] {
  return [...text.matchAll(/`([a-z]+(?::[a-z-]+)?)`/g)].map((m) => m[1]!);
}

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

test('the visitor events table lists exactly the events a visitor may send', () => {
  const [requests] = splitAt(section('Visitor events (`/visitor`)'), 'Server to visitor:');
  assert.deepEqual(sorted(firstCells(requests)), sorted(Object.keys(VISITOR_REQUESTS)));
});

test('the server-to-visitor table lists exactly the events the relay pushes to a visitor', () => {
  const [, pushes] = splitAt(section('Visitor events (`/visitor`)'), 'Server to visitor:');
  assert.deepEqual(sorted(firstCells(pushes)), sorted(Object.keys(VISITOR_PUSHES)));
});

test('the staff events table lists exactly the events staff may send', () => {
  const [requests] = splitAt(section('Staff events (`/staff`)'), 'Server to staff:');
  assert.deepEqual(sorted(firstCells(requests)), sorted(Object.keys(STAFF_REQUESTS)));
});

test('the server-to-staff paragraph names exactly the events the relay pushes to staff', () => {
  const [, rest] = splitAt(section('Staff events (`/staff`)'), 'Server to staff:');
  const paragraph = rest.slice(0, rest.indexOf('\n\n', 1));
  assert.deepEqual(sorted(namesInProse(paragraph)), sorted(Object.keys(STAFF_PUSHES)));
});

test('the error code table lists exactly the codes in errors.ts, each with its HTTP status', () => {
  const rows = [...section('Error codes').matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])] as const);
  assert.deepEqual(rows.map(([code]) => code).sort(), Object.keys(ERRORS).sort());
  for (const [code, status] of rows) assert.equal(status, ERRORS[code as keyof typeof ERRORS].status, `HTTP status of ${code}`);
});
