/**
 * The queue for real volume (issue 12 §2): "Waiting for us" ordered by waiting time with the
 * wait on each row, counts on every view, views in the URL, one row per patient, "Take",
 * and axe on every view.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { newClientMessageId } from '../protocol/stream-ids.ts';
import { test, expect } from './support/fixtures.ts';
import { connectVisitor, ok } from './support/visitor-client.ts';
import { connectStaff } from './support/staff-client.ts';
import { inboxRow, openConversation, patientWrites, signIn, uniqueWord } from './console-helpers.ts';

const view = (page: Page, name: string) => page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name, exact: true });

const serious = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);

test('the waiting view orders by wait, shows the wait and marks it past the target, and counts follow a reply', async ({ page, clinic }) => {
  await page.clock.install();
  const word = uniqueWord('queue');
  const older = await patientWrites(clinic, `${word} older`);
  const newer = await patientWrites(clinic, `${word} newer`);
  try {
    await signIn(page, clinic, clinic.email('admin'));
    await expect(view(page, 'Waiting for us')).toHaveAttribute('aria-pressed', 'true');
    await expect(view(page, 'Waiting for us')).toHaveAccessibleDescription('2 conversations');
    await expect(view(page, 'All')).toHaveAccessibleDescription('2 conversations');
    // The title and the tab's icon carry the count of conversations with unread patient messages.
    await expect(page).toHaveTitle('(2) Clinic chat console');
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', /^data:image\/svg\+xml,.*%3E2%3C%2Ftext%3E/);
    const rows = page.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: new RegExp(word) });
    await expect(rows).toHaveText([new RegExp(`${word} older`), new RegExp(`${word} newer`)]);
    await expect(inboxRow(page, `${word} older`)).toContainText(/waits 0 min/);
    await expect(inboxRow(page, `${word} older`).locator('.wait.late')).toHaveCount(0);

    // Twenty minutes on: past the clinic's default target of 15.
    await page.clock.fastForward('20:00');
    await expect(inboxRow(page, `${word} older`)).toContainText(/waits 20 min/);
    await expect(inboxRow(page, `${word} older`).locator('.wait.late')).toContainText('longer than the clinic’s target');

    await openConversation(page, `${word} older`);
    await page.getByRole('textbox', { name: 'Reply' }).fill('Coming right up.');
    await page.getByRole('textbox', { name: 'Reply' }).press('Enter');
    await expect(view(page, 'Waiting for us')).toHaveAccessibleDescription('1 conversations');
    await expect(inboxRow(page, `${word} older`)).toHaveCount(0);
    await expect(view(page, 'All')).toHaveAccessibleDescription('2 conversations');
  } finally {
    older.close();
    newer.close();
  }
});

test('views are kept in the URL, a patient with two conversations is one row with the other a click away, and each view passes axe', async ({
  page,
  clinic,
}) => {
  const word = uniqueWord('group');
  const owner = await connectStaff(clinic.url, clinic.email('owner'), clinic.demoPassword);
  const { staff } = await ok(owner, 'staff:list', {});
  owner.close();
  const doctor = staff.find((member) => member.email === clinic.email('doctor'))!;
  const patient = await connectVisitor(clinic.url, { siteKey: clinic.siteKey });
  try {
    for (const [open, text] of [
      [{ kind: 'general' }, `${word} general question`],
      [{ kind: 'doctor', doctorId: doctor.id }, `${word} question to the doctor`],
    ] as const) {
      const { thread } = await ok(patient.socket, 'thread:open', open);
      await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text });
    }
    await signIn(page, clinic, clinic.email('owner'));
    await view(page, 'All').click();
    await expect(page).toHaveURL(/#\/view\/all$/);
    await page.reload();
    await expect(view(page, 'All')).toHaveAttribute('aria-pressed', 'true');

    // The view puts the newest activity first: the doctor's thread is the patient's row.
    await expect(inboxRow(page, word)).toHaveCount(1);
    await expect(inboxRow(page, `${word} question to the doctor`)).toBeVisible();
    const others = page.getByRole('button', { name: '1 more of this patient' });
    await expect(others).toHaveAttribute('aria-expanded', 'false');
    await others.click();
    await expect(others).toHaveAttribute('aria-expanded', 'true');
    await openConversation(page, `${word} general question`);
    expect(await serious(page)).toEqual([]);

    for (const name of ['Waiting for us', 'Mine', 'Unassigned', 'All open', 'Waiting for patient', 'Solved', 'Closed', 'Complaints', 'All']) {
      await view(page, name).click();
      await expect(view(page, name)).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByRole('list', { name: 'Conversations' }).first()).toHaveAttribute('aria-busy', 'false');
      expect(await serious(page), name).toEqual([]);
    }
  } finally {
    patient.socket.close();
  }
});

test('a colleague taking the open conversation shows at once: "Take" gives way to their name', async ({ page, clinic }) => {
  const word = uniqueWord('take');
  const patient = await patientWrites(clinic, `${word} who answers?`);
  try {
    await signIn(page, clinic, clinic.email('admin'));
    await openConversation(page, word);
    await expect(page.getByRole('button', { name: 'Take', exact: true })).toBeVisible();
    const owner = await connectStaff(clinic.url, clinic.email('owner'), clinic.demoPassword);
    await ok(owner, 'thread:take', { threadId: patient.threadId });
    owner.close();
    // The owner's take reaches this console live: the button gives way to "Assign to me".
    await expect(page.getByRole('button', { name: 'Take', exact: true })).toHaveCount(0);
    await expect(inboxRow(page, word)).toContainText('Assigned to Ольга Смирнова');
  } finally {
    patient.close();
  }
});

test("search finds a thread by a word from the middle of a Russian message, marks it and opens the conversation at that message; a doctor cannot find another doctor's thread", async ({
  page,
  clinic,
}) => {
  const word = uniqueWord('');
  const owner = await connectStaff(clinic.url, clinic.email('owner'), clinic.demoPassword);
  const { staff } = await ok(owner, 'staff:list', {});
  owner.close();
  const [doctor, doctor2] = [clinic.email('doctor'), clinic.email('doctor2')].map((email) => staff.find((member) => member.email === email)!);
  const patient = await connectVisitor(clinic.url, { siteKey: clinic.siteKey });
  try {
    const { thread: mine } = await ok(patient.socket, 'thread:open', { kind: 'doctor', doctorId: doctor!.id });
    await ok(patient.socket, 'message:send', {
      threadId: mine.id,
      clientId: newClientMessageId(),
      text: `Здравствуйте, после удаления зуба ${word} щёку раздуло, это нормально?`,
    });
    // More newer messages than one history page (50), from two sockets (each may send 30 per 10 s).
    for (let i = 0; i < 25; i += 1) await ok(patient.socket, 'message:send', { threadId: mine.id, clientId: newClientMessageId(), text: `later message ${i}` });
    const doctorSocket = await connectStaff(clinic.url, clinic.email('doctor'), clinic.demoPassword);
    for (let i = 0; i < 28; i += 1) await ok(doctorSocket, 'message:send', { threadId: mine.id, clientId: newClientMessageId(), text: `later reply ${i}` });
    doctorSocket.close();
    const { thread: theirs } = await ok(patient.socket, 'thread:open', { kind: 'doctor', doctorId: doctor2!.id });
    await ok(patient.socket, 'message:send', { threadId: theirs.id, clientId: newClientMessageId(), text: `Другому врачу: щеку раздуло ${word}` });

    await signIn(page, clinic, clinic.email('doctor'));
    const box = page.getByRole('searchbox', { name: 'Search conversations' });
    await box.fill('щеки раздуло');
    await box.press('Enter');
    const results = page.getByRole('list', { name: 'Search results' });
    await expect(results.getByRole('button')).toHaveCount(1);
    await expect(results.getByRole('button')).toContainText(word);
    await expect(results.locator('mark')).toHaveText(['щёку', 'раздуло']);
    expect(await serious(page)).toEqual([]);

    await results.getByRole('button').click();
    // Fifty-three newer messages: the hit is loaded from a page further back and shown.
    const hit = page.getByRole('log', { name: 'Messages' }).getByRole('listitem').filter({ hasText: word });
    await expect(hit).toBeInViewport();
    await expect(hit).toBeFocused();

    await box.fill('');
    await expect(page.getByRole('list', { name: 'Conversations' }).first()).toBeVisible();
  } finally {
    patient.socket.close();
  }
});

test("push on this device: the console registers its service worker, and a push shows the thread's pseudonym only", async ({ page, context, clinic }) => {
  await context.grantPermissions(['notifications'], { origin: clinic.url });
  await signIn(page, clinic, clinic.email('admin'));
  await page.getByRole('checkbox', { name: 'Push notifications on this device' }).check();
  // Headless Chromium has no push service to subscribe at: the console says so instead of failing silently.
  await expect(page.getByRole('status').filter({ hasText: 'This browser cannot receive push notifications.' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Push notifications on this device' })).not.toBeChecked();
  const script = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/console/'))?.active?.scriptURL ?? null);
  expect(script).toBe(`${clinic.url}/console/sw.js`);

  // What the relay sends (relay/test/staff-push.test.ts decrypts it), delivered to the worker over CDP.
  const cdp = await context.newCDPSession(page);
  const registered = new Promise<string>((resolve) =>
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const found = registrations.find((r) => r.scopeURL === `${clinic.url}/console/`);
      if (found) resolve(found.registrationId);
    }),
  );
  await cdp.send('ServiceWorker.enable');
  const registrationId = await registered;
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: clinic.url,
    registrationId,
    data: JSON.stringify({ threadId: 'abcdefghijklmnopqrstuv', title: 'Patient #1234' }),
  });
  await expect
    .poll(() =>
      page.evaluate(async () => (await (await navigator.serviceWorker.getRegistration('/console/'))!.getNotifications()).map((n) => [n.title, n.body, n.tag])),
    )
    .toEqual([['Patient #1234', 'New message', 'abcdefghijklmnopqrstuv']]);
});

test("the owner sets the queue's target and auto-assignment in the clinic settings; the first reply then assigns the conversation", async ({
  page,
  clinic,
}) => {
  const word = uniqueWord('auto');
  const patient = await patientWrites(clinic, `${word} hello`);
  try {
    await signIn(page, clinic, clinic.email('owner'));
    await page.getByRole('button', { name: 'Clinic settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clinic settings' });
    await dialog.getByRole('spinbutton', { name: /Answer within \(minutes\)/ }).fill('5');
    await dialog.getByRole('checkbox', { name: /The first reply to an unassigned conversation/ }).check();
    expect(await serious(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await expect(dialog.getByText('Settings saved.', { exact: false })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();

    await openConversation(page, word);
    await page.getByRole('textbox', { name: 'Reply' }).fill(`Hello, how can we help? (${word})`);
    await page.getByRole('textbox', { name: 'Reply' }).press('Enter');
    await view(page, 'All').click();
    await expect(inboxRow(page, word)).toContainText('Assigned to Ольга Смирнова');
  } finally {
    patient.close();
  }
});
