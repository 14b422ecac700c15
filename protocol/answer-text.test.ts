import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillAnswer } from './answer-text.ts';

test('{name} becomes the patient’s name, every time it appears', () => {
  assert.equal(fillAnswer('Здравствуйте, {name}! {name}, ваш приём завтра.', 'Анна'), 'Здравствуйте, Анна! Анна, ваш приём завтра.');
});

test('without a name the greeting stays neutral: the placeholder goes with its comma or space', () => {
  assert.equal(fillAnswer('Здравствуйте, {name}! Прайс во вложении.', null), 'Здравствуйте! Прайс во вложении.');
  assert.equal(fillAnswer('Hello {name}, the price list is attached.', '  '), 'Hello, the price list is attached.');
  assert.equal(fillAnswer('{name}, ваши анализы готовы.', null), 'ваши анализы готовы.');
  assert.equal(fillAnswer('Без переменных.', null), 'Без переменных.');
});
