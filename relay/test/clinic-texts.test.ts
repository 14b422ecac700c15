import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS } from '../../protocol/limits.ts';
import { relayForFile } from '../testing/file-fixtures.ts';
import { call, ok } from '../testing/clients.ts';

const file = relayForFile();

test('a patient gets the greeting and office hours in the widget language, else the clinic defaults; bad texts are refused and change nothing', async () => {
  const owner = await file.open.staff('owner@demo.clinic');
  const before = (await ok(owner, 'clinic:get', {})).clinic;
  assert.deepEqual(before.texts, {});
  for (const bad of [
    { texts: { de: { greeting: 'Guten Tag' } } },
    { texts: { en: { greeting: 'x'.repeat(LIMITS.shortTextMax * 5 + 1) } } },
    { texts: { ru: { farewell: 'До свидания' } } },
    { texts: { en: { officeHours: 9 } } },
  ]) {
    assert.equal((await call(owner, 'clinic:update', bad as never)).error?.code, 'BAD_REQUEST', JSON.stringify(bad));
  }
  assert.deepEqual((await ok(owner, 'clinic:get', {})).clinic, before);

  const texts = { ru: { greeting: 'Здравствуйте!', officeHours: 'Пн–Пт 9–18' }, en: { greeting: 'Hello!', officeHours: '' } };
  const { clinic } = await ok(owner, 'clinic:update', { greeting: 'Добрый день! Hello!', officeHours: 'Mon–Fri 9–18 / Пн–Пт 9–18', texts });
  assert.deepEqual(clinic.texts, texts);
  assert.deepEqual((await ok(owner, 'clinic:get', {})).clinic.texts, texts);

  const en = (await file.open.patient({ lang: 'en' })).session.clinic;
  assert.equal(en.greeting, 'Hello!');
  assert.equal(en.officeHours, 'Mon–Fri 9–18 / Пн–Пт 9–18', 'empty English office hours: the default');
  const ru = (await file.open.patient({ lang: 'ru' })).session.clinic;
  assert.equal(ru.greeting, 'Здравствуйте!');
  assert.equal(ru.officeHours, 'Пн–Пт 9–18');
  const unsaid = (await file.open.patient()).session.clinic;
  assert.equal(unsaid.greeting, 'Добрый день! Hello!', 'a handshake without a language: the default');
});
