import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adviseOn, type GuidanceRule } from './writing-guidance.ts';

const rules = (text: string, firstReply = true, options: { off?: GuidanceRule[]; jargon?: string[] } = {}) =>
  adviseOn(text, { firstReply, ...options }).map((a) => a.rule);

test('flags a request to delete the review, in English and Russian', () => {
  assert.deepEqual(rules('Hello, thank you. Please delete your review.'), ['delete-review']);
  assert.deepEqual(rules('Здравствуйте! Пожалуйста, удалите ваш отзыв.'), ['delete-review']);
  assert.deepEqual(rules('Спасибо. Может быть, отзыв можно изменить?'), ['delete-review']);
});

test('flags asking for personal data in the first reply, and the missing greeting', () => {
  assert.deepEqual(rules('Send your passport number'), ['personal-data', 'no-greeting']);
  assert.deepEqual(rules('Пришлите, пожалуйста, номер паспорта и дату рождения'), ['personal-data', 'no-greeting']);
  // Later in the conversation, once a solution is on the table, asking for details is fine.
  assert.deepEqual(rules('Send your passport number', false), []);
});

test('does not flag a polite first reply', () => {
  assert.deepEqual(rules('Здравствуйте! Спасибо за отзыв. Нам очень жаль, что так вышло. Расскажите, пожалуйста, что произошло на приёме?'), []);
  assert.deepEqual(rules('Hello, and thank you for your feedback. We are sorry — could you tell us what happened at the visit?'), []);
});

test('flags jargon (built-in and the owner’s words) and blaming the patient; rules can be switched off', () => {
  assert.deepEqual(rules('Здравствуйте! Анамнез собран полностью.'), ['jargon']);
  assert.deepEqual(rules('Hello, the KT-scan was fine', true, { jargon: ['KT-scan'] }), ['jargon']);
  assert.deepEqual(rules('Спасибо. Вы сами виноваты, надо было прийти раньше.'), ['blame']);
  assert.deepEqual(rules('Thanks. This looks like a competitor review.'), ['blame']);
  assert.deepEqual(rules('Please delete your review', true, { off: ['delete-review', 'no-greeting'] }), []);
  assert.deepEqual(rules('   '), []);
});
