import { test, expect } from './support/fixtures.ts';
import { newClientMessageId } from '../protocol/stream-ids.ts';
import { connectStaff, ok } from './support/staff-client.ts';
import { messageLog, openConversation, patientWrites, signIn, uniqueWord } from './console-helpers.ts';

test('a console that was offline shows what the patient and a colleague wrote meanwhile', async ({ page, context, relay }) => {
  const word = uniqueWord('offline');
  const patient = await patientWrites(relay, `${word} are you open on Sunday?`);
  const colleague = await connectStaff(relay.url, 'owner@demo.clinic', relay.demoPassword);
  try {
    await signIn(page, relay, 'admin@demo.clinic');
    await openConversation(page, word);

    await context.setOffline(true);
    await expect(page.getByText('Connection lost. Reconnecting…')).toBeVisible();
    await patient.say('hello? anyone?');
    await ok(colleague, 'message:send', { threadId: patient.threadId, clientId: newClientMessageId(), text: 'Yes, 10 to 16.' });
    await ok(colleague, 'thread:status', { threadId: patient.threadId, status: 'waiting' });

    await context.setOffline(false);
    await expect(page.getByText('Connection lost. Reconnecting…')).toHaveCount(0);
    await expect(messageLog(page).getByText('hello? anyone?')).toHaveCount(1);
    await expect(messageLog(page).getByText('Yes, 10 to 16.')).toHaveCount(1);
    // The status change made while offline is reflected too.
    await expect(page.getByLabel('Status')).toHaveValue('waiting');
  } finally {
    colleague.close();
    patient.close();
  }
});

test('a reply written while offline is sent once when the connection returns', async ({ page, context, relay }) => {
  const word = uniqueWord('outbox');
  const patient = await patientWrites(relay, `${word} hello`);
  try {
    await signIn(page, relay, 'admin@demo.clinic');
    await openConversation(page, word);
    await context.setOffline(true);
    await expect(page.getByText('Connection lost. Reconnecting…')).toBeVisible();
    await page.getByRole('textbox', { name: 'Reply' }).fill('written offline');
    await page.getByRole('textbox', { name: 'Reply' }).press('Enter');
    await expect(messageLog(page).getByText('Sending…')).toBeVisible();
    await context.setOffline(false);
    await expect(messageLog(page).getByText('Sending…')).toHaveCount(0);
    await expect(messageLog(page).getByText('written offline')).toHaveCount(1);
    await expect.poll(() => patient.received.filter((m) => m.type === 'text' && m.text === 'written offline').length).toBe(1);
  } finally {
    patient.close();
  }
});
