/**
 * Staff see a patient's conversations linked: after a close the patient's new thread
 * shows in the inbox as a patient with history, and the patient panel lists the earlier
 * thread (with status and date) and opens it.
 */
import { newClientMessageId } from '../protocol/stream-ids.ts';
import { test, expect } from './support/fixtures.ts';
import { connectStaff, ok } from './support/staff-client.ts';
import { ok as visitorOk } from './support/visitor-client.ts';
import { inboxRow, messageLog, openConversation, patientWrites, signIn, uniqueWord } from './console-helpers.ts';

test('the inbox marks a patient who wrote before, and the patient panel lists and opens the earlier, closed conversation', async ({ page, relay }) => {
  const word = uniqueWord('continued');
  const patient = await patientWrites(relay, `${word} first question`);
  const admin = await connectStaff(relay.url, 'admin@demo.clinic', relay.demoPassword);
  try {
    await ok(admin, 'thread:status', { threadId: patient.threadId, status: 'closed' });
    const socket = patient.connection.socket;
    const { thread } = await visitorOk(socket, 'thread:open', { kind: 'general' });
    expect(thread.previousThreadId).toBe(patient.threadId);
    await visitorOk(socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: `${word} second question` });

    await signIn(page, relay, 'admin@demo.clinic');
    const row = inboxRow(page, `${word} second`);
    await expect(row.getByRole('img', { name: 'The patient wrote before' })).toBeVisible();
    await openConversation(page, `${word} second`);

    const panel = page.getByRole('region', { name: 'Patient' });
    const threads = panel.getByRole('list', { name: "Patient's conversations" }).getByRole('button');
    await expect(threads).toHaveCount(2);
    await expect(threads.nth(0)).toContainText('Clinic team · Closed');
    await expect(threads.nth(1)).toContainText('Clinic team · Open (shown)');
    await expect(threads.nth(1)).toHaveAttribute('aria-current', 'true');

    await threads.nth(0).click();
    await expect(messageLog(page).getByText(`${word} first question`)).toBeVisible();
    await expect(messageLog(page).getByText(`${word} second question`)).toHaveCount(0);
    await expect(threads.nth(0)).toHaveAttribute('aria-current', 'true');
  } finally {
    admin.close();
    patient.close();
  }
});
