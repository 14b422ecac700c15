/**
 * The console's side of notifications (issue 8): conversation links and Back/Forward, the
 * owner's outbox of the local mail catcher, "Send a link to continue the conversation",
 * the "Notification failed" mark, staff alert settings and the clinic's notify settings.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { test, expect, clinicInfo } from './support/fixtures.ts';
import { startTestRelay } from '../relay/testing/harness.ts';
import { newClientMessageId } from '../protocol/stream-ids.ts';
import { connectStaff, ok } from './support/staff-client.ts';
import { ok as visitorOk } from './support/visitor-client.ts';
import { inboxRow, messageLog, openConversation, patientWrites, signIn, uniqueWord } from './console-helpers.ts';

const OWNER = 'owner@demo.clinic';
const ADMIN = 'admin@demo.clinic';

test('a conversation link opens that conversation after sign-in, and Back and Forward move between conversations', async ({ page, relay }) => {
  const word = uniqueWord('linked');
  const first = await patientWrites(relay, `${word} first patient`);
  const second = await patientWrites(relay, `${word} second patient`);
  try {
    await page.goto(`${relay.url}/console/#/thread/${first.threadId}`);
    await page.getByLabel('Email').fill(ADMIN);
    await page.getByLabel('Password').fill(relay.demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(messageLog(page).getByText(`${word} first patient`)).toBeVisible();

    await openConversation(page, `${word} second patient`);
    await expect(page).toHaveURL(new RegExp(`#/thread/${second.threadId}$`));
    await page.goBack();
    await expect(messageLog(page).getByText(`${word} first patient`)).toBeVisible();
    await page.goForward();
    await expect(messageLog(page).getByText(`${word} second patient`)).toBeVisible();
  } finally {
    first.close();
    second.close();
  }
});

test('the owner reads caught mail in the outbox; an administrator has no outbox', async ({ page, browser, relay }) => {
  const word = uniqueWord('outbox');
  const patient = await patientWrites(relay, `${word} question`);
  const admin = await connectStaff(relay.url, ADMIN, relay.demoPassword);
  try {
    await visitorOk(patient.connection.socket, 'visitor:contact', { email: `${word}@example.org`, consent: true });
    expect(await ok(admin, 'patient:send-link', { threadId: patient.threadId })).toEqual({ channel: 'email' });

    await signIn(page, relay, OWNER);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Outbox' }).click();
    await expect(page).toHaveURL(/#\/outbox$/);
    const caught = page
      .getByRole('list', { name: 'Caught mails and SMS, newest first' })
      .getByRole('listitem')
      .filter({ hasText: `${word}@example.org` });
    await expect(caught).toContainText('E-mail');
    await expect(caught).toContainText(/\/c\/[A-Za-z0-9_-]{22}/);
    await expect(caught).not.toContainText(`${word} question`);
    await page.goBack();
    await expect(page.getByRole('list', { name: 'Conversations' })).toBeVisible();

    const context = await browser.newContext();
    try {
      const theirs = await context.newPage();
      await signIn(theirs, relay, ADMIN);
      await expect(theirs.getByRole('link', { name: 'Outbox' })).toHaveCount(0);
      await theirs.goto(`${relay.url}/console/#/outbox`);
      await expect(theirs.getByRole('heading', { name: /Outbox/ })).toHaveCount(0);
    } finally {
      await context.close();
    }
  } finally {
    admin.close();
    patient.close();
  }
});

test('a relay that sends real mail (SMTP_URL set) shows the owner no outbox', async ({ page }) => {
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    closeTimeout: 1_000,
    onData: (stream, _s, done) => stream.resume().on('end', () => done()),
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  const { port } = smtp.server.address() as AddressInfo;
  const relay = await startTestRelay({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Clinic <notify@example.org>' } });
  try {
    await signIn(page, clinicInfo(relay), OWNER);
    await expect(page.getByRole('link', { name: 'Outbox' })).toHaveCount(0);
  } finally {
    // The console leaves before its relay stops: reconnecting, it would hold the relay's close open.
    await page.goto('about:blank');
    await relay.stop();
    smtp.close();
  }
});

test('send-link says when the patient left no contact, and by which channel the link went', async ({ page, relay }) => {
  const word = uniqueWord('sendlink');
  const patient = await patientWrites(relay, `${word} question`);
  try {
    await signIn(page, relay, ADMIN);
    await openConversation(page, `${word} question`);
    const panel = page.getByRole('region', { name: 'Patient' });
    const button = panel.getByRole('button', { name: 'Send a link to continue the conversation' });
    await button.click();
    await expect(panel.getByRole('alert')).toHaveText('The patient left no e-mail or phone for notices, so no link can be sent.');

    await visitorOk(patient.connection.socket, 'visitor:contact', { phone: '8 912 345 67 89', consent: true });
    await button.click();
    await expect(panel.getByRole('status').filter({ hasText: 'A link was' })).toHaveText(/A link was sent to the patient by (e-mail|SMS)\./);
    await expect(panel.getByRole('alert')).toHaveText('');
  } finally {
    patient.close();
  }
});

test('a notice the mail server refuses marks the conversation "Notification failed" in the inbox and its header', async ({ page }) => {
  // A real SMTP server that refuses every recipient: a permanent failure, no retries.
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // close() otherwise waits up to 30 s for a connection the relay's mailer may still hold.
    closeTimeout: 1_000,
    onRcptTo: (_address, _session, done) => done(Object.assign(new Error('No such mailbox'), { responseCode: 550 })),
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  const { port } = smtp.server.address() as AddressInfo;
  const relay = await startTestRelay({
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Clinic <notify@example.org>', NOTIFY_PATIENT_AFTER_SECONDS: '1' },
  });
  const info = clinicInfo(relay);
  const word = uniqueWord('failed');
  const patient = await patientWrites(info, `${word} question`);
  const admin = await connectStaff(relay.url, ADMIN, relay.password);
  try {
    await visitorOk(patient.connection.socket, 'visitor:contact', { email: `${word}@example.org`, consent: true });
    patient.close();
    await signIn(page, info, ADMIN);
    // Answered, the conversation leaves "Waiting for us": watch it among all.
    await page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: 'All', exact: true }).click();
    await ok(admin, 'message:send', { threadId: patient.threadId, clientId: newClientMessageId(), text: `${word} reply` });
    const row = inboxRow(page, `${word}`);
    await expect(row).toContainText('Notification failed', { timeout: 20_000 });
    await row.click();
    await expect(page.locator('cc-conversation header')).toContainText('Notification failed');
  } finally {
    admin.close();
    // The console leaves before its relay stops: reconnecting, it would hold the relay's close open.
    await page.goto('about:blank');
    await relay.stop();
    smtp.close();
  }
});

test("the owner sets a colleague's alerts: a bad phone is explained, a good one is stored as E.164", async ({ page, relay }) => {
  await signIn(page, relay, OWNER);
  await page.getByRole('button', { name: 'Staff', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Staff', exact: true });
  const member = dialog.getByRole('listitem').filter({ hasText: ADMIN });
  await member.getByText('Alerts', { exact: true }).click();
  await member.getByRole('checkbox', { name: 'E-mail alerts when patients wait' }).check();
  await member.getByRole('textbox', { name: 'Alert e-mail' }).fill('duty@example.org');
  const phone = member.getByRole('textbox', { name: 'Phone for SMS' });
  await phone.fill('12345');
  await member.getByRole('checkbox', { name: 'Escalation contact: an SMS when nobody answers' }).check();
  await member.getByRole('button', { name: 'Save alerts' }).click();
  await expect(member.getByRole('alert')).toContainText('check the phone number');

  await phone.fill('8 (912) 345-67-89');
  await member.getByRole('button', { name: 'Save alerts' }).click();
  await expect(member.getByRole('status').filter({ hasText: 'Alerts saved.' })).toBeVisible();

  const owner = await connectStaff(relay.url, OWNER, relay.demoPassword);
  try {
    const { staff } = await ok(owner, 'staff:list', { all: true });
    expect(staff.find((m) => m.email === ADMIN)?.alerts).toEqual({ alerts: true, email: 'duty@example.org', phone: '+79123456789', escalation: true });
  } finally {
    owner.close();
  }
});

test('the owner changes when notifications go out in the clinic settings', async ({ page, relay }) => {
  await signIn(page, relay, OWNER);
  await page.getByRole('button', { name: 'Clinic settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clinic settings' });
  const staffAfter = dialog.getByRole('spinbutton', { name: 'Alert staff of an unanswered message after, minutes' });
  await staffAfter.fill('7');
  await dialog.getByRole('checkbox', { name: /No staff alerts outside office hours/ }).check();
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await expect(dialog.getByText('Settings saved.', { exact: false })).toBeVisible();

  const owner = await connectStaff(relay.url, OWNER, relay.demoPassword);
  try {
    const { clinic } = await ok(owner, 'clinic:get', {});
    expect(clinic.notify).toMatchObject({ staffAfterMinutes: 7, muteOutsideOfficeHours: true });
  } finally {
    owner.close();
  }
});
