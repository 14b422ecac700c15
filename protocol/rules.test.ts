import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isErrorCode } from './errors.ts';
import { LIMITS } from './limits.ts';
import { pickLocale } from './locales.ts';
import { textProblem } from './message-text.ts';
import { TYPING } from './presence.ts';
import { sameSlot, slotKey, type ThreadSlot } from './slots.ts';
import { compareStreamIds, laterStreamId, type StaffId, type StreamId } from './stream-ids.ts';

const id = (value: string) => value as StreamId;

test('a text is refused when blank or longer than the limit, and only then', () => {
  assert.equal(textProblem(''), 'TEXT_EMPTY');
  assert.equal(textProblem(' \n\t '), 'TEXT_EMPTY');
  assert.equal(textProblem('Здравствуйте'), null);
  assert.equal(textProblem('x'.repeat(LIMITS.messageTextMax)), null);
  assert.equal(textProblem('x'.repeat(LIMITS.messageTextMax + 1)), 'TEXT_TOO_LONG');
});

test('stream ids order numerically, and the later of two is kept whichever is missing', () => {
  assert.ok(compareStreamIds(id('10-0'), id('9-5')) > 0);
  assert.ok(compareStreamIds(id('9-10'), id('9-9')) > 0);
  assert.equal(compareStreamIds(id('7-1'), id('7-1')), 0);
  assert.equal(laterStreamId(id('10-0'), id('9-5')), '10-0');
  assert.equal(laterStreamId(id('9-5'), id('10-0')), '10-0');
  assert.equal(laterStreamId(null, id('1-0')), '1-0');
  assert.equal(laterStreamId(id('1-0'), null), '1-0');
  assert.equal(laterStreamId(null, null), null);
});

test('a slot names the general conversation or one doctor’s, and matches only its threads', () => {
  const doctor = 'd'.repeat(22) as StaffId;
  const other = 'o'.repeat(22) as StaffId;
  const general: ThreadSlot = { kind: 'general' };
  const withDoctor: ThreadSlot = { kind: 'doctor', doctorId: doctor };
  assert.notEqual(slotKey(general), slotKey(withDoctor));
  assert.equal(slotKey(withDoctor), slotKey({ kind: 'doctor', doctorId: doctor }));
  assert.notEqual(slotKey(withDoctor), slotKey({ kind: 'doctor', doctorId: other }));
  assert.ok(sameSlot(general, { kind: 'general', doctor: null }));
  assert.ok(!sameSlot(general, { kind: 'doctor', doctor: { id: doctor } }));
  assert.ok(sameSlot(withDoctor, { kind: 'doctor', doctor: { id: doctor } }));
  assert.ok(!sameSlot(withDoctor, { kind: 'doctor', doctor: { id: other } }));
});

test('the first supported language among the tags wins, English otherwise', () => {
  assert.equal(pickLocale('ru-RU'), 'ru');
  assert.equal(pickLocale(null, undefined, 'de-DE', 'EN-gb', 'ru'), 'en');
  assert.equal(pickLocale('de', 'fr'), 'en');
  assert.equal(pickLocale(), 'en');
});

test('only the registry’s codes are error codes', () => {
  assert.ok(isErrorCode('TEXT_TOO_LONG'));
  assert.ok(!isErrorCode('toString'));
  assert.ok(!isErrorCode('OFFLINE'));
  assert.ok(!isErrorCode(42));
});

test('typing is repeated before the other side lets it fade, and withdrawn before that too', () => {
  assert.ok(TYPING.repeatMs < TYPING.expiryMs, 'a steady typist never flickers');
  assert.ok(TYPING.idleMs < TYPING.expiryMs, 'an idle typist is withdrawn before it fades on its own');
});
