import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../config.ts';
import { effectiveDelays, NOTIFY_DEFAULTS } from './notify-settings.ts';

test('without notification settings nothing is sent out and each clinic keeps its own delays', () => {
  const config = loadConfig({});
  assert.equal(config.smtpUrl, null);
  assert.equal(config.smsWebhookUrl, null);
  assert.equal(config.notifyPatientAfterSeconds, null);
  assert.deepEqual(effectiveDelays(config), {
    patientAfterSeconds: NOTIFY_DEFAULTS.patientAfterSeconds,
    staffAfterSeconds: NOTIFY_DEFAULTS.staffAfterSeconds,
    escalateAfterSeconds: NOTIFY_DEFAULTS.escalateAfterSeconds,
  });
  assert.equal(effectiveDelays(config, { staffAfterSeconds: 60 }).staffAfterSeconds, 60);
});

test("NOTIFY_*_AFTER_SECONDS override every clinic's delay", () => {
  const config = loadConfig({ NOTIFY_PATIENT_AFTER_SECONDS: '2', NOTIFY_STAFF_AFTER_SECONDS: '1', NOTIFY_ESCALATE_AFTER_SECONDS: '3' });
  assert.deepEqual(effectiveDelays(config, { patientAfterSeconds: 900, staffAfterSeconds: 600 }), {
    patientAfterSeconds: 2,
    staffAfterSeconds: 1,
    escalateAfterSeconds: 3,
  });
});

test('delivery settings are read together: SMTP needs a sender, the gateway a secret', () => {
  const config = loadConfig({
    SMTP_URL: 'smtps://user:pw@mail.example.org:465',
    MAIL_FROM: 'Clinic <notify@example.org>',
    SMS_WEBHOOK_URL: 'https://sms.example.org/send',
    SMS_WEBHOOK_SECRET: 'a-secret-of-24-characters',
  });
  assert.equal(config.smtpUrl, 'smtps://user:pw@mail.example.org:465');
  assert.equal(config.mailFrom, 'Clinic <notify@example.org>');
  assert.equal(config.smsWebhookSecret, 'a-secret-of-24-characters');
});

test('a bad notification setting names the variable and never echoes a credential', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ SMTP_URL: 'http://user:hunter2@mail.example.org' }, /^SMTP_URL: expected a URL such as smtps:/],
    [{ SMTP_URL: 'user:hunter2 at mail' }, /^SMTP_URL: /],
    [{ SMTP_URL: 'smtp://mail.example.org' }, /^MAIL_FROM: expected a sender address when SMTP_URL is set/],
    [{ MAIL_FROM: 'nobody' }, /^MAIL_FROM: expected an address/],
    [{ SMS_WEBHOOK_URL: 'ftp://hunter2@sms.example.org' }, /^SMS_WEBHOOK_URL: /],
    [{ SMS_WEBHOOK_URL: 'https://sms.example.org' }, /^SMS_WEBHOOK_SECRET: expected at least 16 characters/],
    [{ SMS_WEBHOOK_URL: 'https://sms.example.org', SMS_WEBHOOK_SECRET: 'hunter2' }, /^SMS_WEBHOOK_SECRET: /],
    [{ NOTIFY_PATIENT_AFTER_SECONDS: '0' }, /^NOTIFY_PATIENT_AFTER_SECONDS: expected an integer from 1 to 604800/],
    [{ NOTIFY_STAFF_AFTER_SECONDS: 'soon' }, /^NOTIFY_STAFF_AFTER_SECONDS: /],
    [{ NOTIFY_ESCALATE_AFTER_SECONDS: '1.5' }, /^NOTIFY_ESCALATE_AFTER_SECONDS: /],
  ];
  for (const [env, message] of cases) {
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => error instanceof ConfigError && message.test(error.message) && !error.message.includes('hunter2'),
      JSON.stringify(env),
    );
  }
});
