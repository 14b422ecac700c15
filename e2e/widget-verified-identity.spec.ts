/**
 * Issue 10 §4: a clinic site that knows its signed-in patient passes a signed patient id to
 * `ClinicChat.identify`; on a second browser the widget then moves onto the patient's
 * history from the first, keeping what it had written itself.
 */
import { randomUUID } from 'node:crypto';
import { test, expect } from './support/fixtures.ts';
import { ok } from './support/staff-client.ts';
import { signedPatient } from '../relay/testing/signed-patient.ts';
import { chatOn, clinicAdmin, openPageWith, patientMessage, send, unique } from './widget-helpers.ts';

const page = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Signed-in patient</title></head>
<body><h1>Личный кабинет</h1><script src="/widget.js" data-site-key="demo" data-open async></script></body></html>`;

test('a second browser identifying as the same verified patient shows the first one’s conversation and its own, and the first shows the second’s', async ({
  relay,
  browser,
}) => {
  // Computed as the clinic's server would, with the clinic's identity secret.
  const signed = await signedPatient(relay.relay, `crm-${randomUUID().slice(0, 8)}`);
  const staff = await clinicAdmin(relay);
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  try {
    const first = await laptop.newPage();
    await openPageWith(first, relay, page);
    const laptopChat = chatOn(first);
    await expect(laptopChat.dialog).toHaveAttribute('data-connection', 'online');
    await first.evaluate((identity) => window.ClinicChat!.identify(identity), signed);
    const fromLaptop = unique('Вопрос с ноутбука');
    const arrived = patientMessage(staff, fromLaptop);
    await send(laptopChat, fromLaptop);
    const { threadId } = await arrived;
    // The first browser holds the patient once the relay marked it verified.
    await expect.poll(async () => (await ok(staff, 'patient:get', { threadId })).patient.verifiedId).toBe(signed.patientId);

    const second = await phone.newPage();
    await openPageWith(second, relay, page);
    const phoneChat = chatOn(second);
    await expect(phoneChat.dialog).toHaveAttribute('data-connection', 'online');
    const fromPhone = unique('Вопрос с телефона');
    const stored = patientMessage(staff, fromPhone);
    await send(phoneChat, fromPhone);
    await stored;
    await expect(phoneChat.bubbles(fromLaptop)).toHaveCount(0);
    await second.evaluate((identity) => window.ClinicChat!.identify(identity), signed);

    await expect(phoneChat.bubbles(fromLaptop)).toHaveCount(1);
    await expect(phoneChat.bubbles(fromPhone)).toHaveCount(1);
    // And the first browser shows the second one's conversation, live.
    await expect(laptopChat.bubbles(fromPhone)).toHaveCount(1);
    // The browser keeps the patient's token: the next page view still shows the patient's history.
    await openPageWith(second, relay, page);
    await expect(phoneChat.bubbles(fromLaptop)).toHaveCount(1);
    await expect(phoneChat.bubbles(fromPhone)).toHaveCount(1);

    // Staff see one patient with both browsers' conversations.
    const { patient, threads } = await ok(staff, 'patient:get', { threadId });
    expect(patient.verifiedId).toBe(signed.patientId);
    expect(threads).toHaveLength(2);
  } finally {
    staff.close();
    await Promise.all([laptop.close(), phone.close()]);
  }
});
