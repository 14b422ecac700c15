import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { checkContact, normalizeEmail, normalizePhone } from './contact.ts';
import { VisitorContactSchema } from './contact-schema.ts';

test('Russian phone formats all normalise to the same E.164 number', () => {
  for (const typed of [
    '8 (912) 345-67-89',
    '+7 912 345 67 89',
    '89123456789',
    '79123456789',
    '9123456789',
    '+7 (912) 345-67-89',
    '8-912-345-67-89',
    '0079123456789',
  ]) {
    assert.equal(normalizePhone(typed), '+79123456789', typed);
  }
});

test('international numbers keep their country code; impossible numbers are refused', () => {
  assert.equal(normalizePhone('+44 20 7946 0958'), '+442079460958');
  assert.equal(normalizePhone('+1 (415) 555-2671'), '+14155552671');
  for (const bad of [
    '',
    '12345',
    '+7 912 345 67',
    '+7 912 345 67 890',
    '8 912 345 67 8',
    '+0 123 456 789',
    '+1234567890123456',
    'call me',
    '+7 912 345 67 8x',
    '5123456789',
    '8'.repeat(41),
  ]) {
    assert.equal(normalizePhone(bad), null, bad);
  }
});

test('e-mail addresses are trimmed and need one @ and a dotted domain', () => {
  assert.equal(normalizeEmail('  anna@example.org '), 'anna@example.org');
  assert.equal(normalizeEmail('a.b+tag@mail.example.ru'), 'a.b+tag@mail.example.ru');
  for (const bad of [
    'anna',
    'anna@',
    '@example.org',
    'anna@example',
    'an na@example.org',
    'a@b@example.org',
    'anna@example.',
    `${'a'.repeat(250)}@example.org`,
  ]) {
    assert.equal(normalizeEmail(bad), null, bad);
  }
});

test('a contact needs one valid field; a bad field is named, never dropped for the other', () => {
  assert.deepEqual(checkContact({ email: 'anna@example.org' }).ok, { email: 'anna@example.org', phone: null });
  assert.deepEqual(checkContact({ phone: '8 (912) 345-67-89', email: '' }).ok, { email: null, phone: '+79123456789' });
  assert.deepEqual(checkContact({}).error, { code: 'CONTACT_INVALID', field: 'contact' });
  assert.deepEqual(checkContact({ email: '  ', phone: '' }).error, { code: 'CONTACT_INVALID', field: 'contact' });
  assert.deepEqual(checkContact({ email: 'anna@example.org', phone: '123' }).error, { code: 'CONTACT_INVALID', field: 'phone' });
  assert.deepEqual(checkContact({ email: 'anna', phone: '89123456789' }).error, { code: 'CONTACT_INVALID', field: 'email' });
});

test('the visitor:contact payload accepts consent only as the literal true', () => {
  const check = TypeCompiler.Compile(VisitorContactSchema);
  assert.ok(check.Check({ email: 'anna@example.org', consent: true }));
  assert.ok(check.Check({ phone: '+79123456789', email: 'anna@example.org', consent: true }));
  for (const consent of [false, 'true', 1, null, undefined]) {
    assert.equal(check.Check({ email: 'anna@example.org', consent }), false, String(consent));
  }
  assert.equal(check.Check({ email: 'anna@example.org' }), false, 'consent missing');
  assert.equal(check.Check({ email: 'anna@example.org', consent: true, name: 'Anna' }), false, 'unknown field');
  assert.equal(check.Check({ phone: 12345, consent: true }), false, 'phone as a number');
});
