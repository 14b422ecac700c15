import { test, expect } from './support/fixtures.ts';
import { newClientMessageId } from '../protocol/stream-ids.ts';
import { connectVisitor, nextEvent } from './support/visitor-client.ts';
import type { Message } from '../protocol/model.ts';
import type { TypingEvent } from '../protocol/requests.ts';
import { inboxRow, messageLog, openConversation, patientWrites, signIn, uniqueWord } from './console-helpers.ts';

test.describe('a conversation between a patient and an administrator', () => {
  test('a new patient message appears live and the reply reaches the patient', async ({ page, relay }) => {
    await signIn(page, relay, 'admin@demo.clinic');
    const word = uniqueWord('price');
    const patient = await patientWrites(relay, `${word} how much is a cleaning?`);
    try {
      // No reload: the new conversation arrives through thread:update.
      await expect(inboxRow(page, word)).toBeVisible();
      await openConversation(page, word);

      await patient.say('and is it painful?');
      await expect(messageLog(page).getByText('and is it painful?')).toBeVisible();

      const reply = page.getByRole('textbox', { name: 'Reply' });
      await reply.fill('It costs 3000.');
      await reply.press('Shift+Enter');
      await reply.pressSequentially('Not painful at all.');
      await expect(reply).toHaveValue('It costs 3000.\nNot painful at all.');
      const delivered = nextEvent<Message>(patient.connection.socket, 'message', (m) => m.author.kind === 'staff');
      await reply.press('Enter');

      const message = await delivered;
      expect(message.type).toBe('text');
      expect(message.type === 'text' && message.text).toBe('It costs 3000.\nNot painful at all.');
      expect(message.author.kind === 'staff' && message.author.staff.name).toBe('Анна Козлова');
      await expect(reply).toHaveValue('');
      await expect(messageLog(page).getByText('Not painful at all.')).toHaveCount(1);
    } finally {
      patient.close();
    }
  });

  test('a private note is shown as a note, never reaches the patient, and the composer returns to Reply so Enter on new text sends a reply', async ({
    page,
    relay,
  }) => {
    await signIn(page, relay, 'admin@demo.clinic');
    const word = uniqueWord('note');
    const patient = await patientWrites(relay, `${word} I have a delicate question`);
    try {
      await openConversation(page, word);
      await page.getByRole('tab', { name: 'Private note' }).click();
      await expect(page.getByRole('tabpanel', { name: 'Private note' })).toContainText('Only staff will see this note.');
      await page.getByRole('textbox', { name: 'Reply' }).fill('staff only: ask the urologist');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      const note = messageLog(page).getByRole('listitem').filter({ hasText: 'staff only: ask the urologist' });
      await expect(note).toContainText('Private note');
      await expect(note).toHaveClass(/note/);

      await expect(page.getByRole('tab', { name: 'Reply' })).toHaveAttribute('aria-selected', 'true');
      const reply = nextEvent<Message>(patient.connection.socket, 'message', (m) => m.author.kind === 'staff');
      await page.getByRole('textbox', { name: 'Reply' }).fill('We will answer shortly.');
      await page.getByRole('textbox', { name: 'Reply' }).press('Enter');
      // Stream order: the reply comes after the note, so by now the note would have arrived.
      await reply;
      const texts = patient.received.map((m) => ('text' in m ? m.text : ''));
      expect(texts).toContain('We will answer shortly.');
      expect(texts.join('\n')).not.toContain('staff only');
      const history = await patient.connection.socket.emitWithAck('message:history', { threadId: patient.threadId });
      expect(JSON.stringify(history)).not.toContain('staff only');
      expect(JSON.stringify(history)).toContain('We will answer shortly.');
    } finally {
      patient.close();
    }
  });

  test('markup in a patient message is shown as text and never runs', async ({ page, relay }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page, relay, 'admin@demo.clinic');
    const word = uniqueWord('xss');
    const patient = await patientWrites(relay, `${word} <img src=x onerror=alert(1)>`);
    try {
      await openConversation(page, word);
      await expect(messageLog(page).getByText(`${word} <img src=x onerror=alert(1)>`)).toBeVisible();
      await expect(messageLog(page).locator('img')).toHaveCount(0);
      await expect(page.locator('cc-console-app img')).toHaveCount(0);
      expect(dialogs).toEqual([]);
    } finally {
      patient.close();
    }
  });

  test("typing shows both ways and the patient's read state is shown", async ({ page, relay }) => {
    await signIn(page, relay, 'admin@demo.clinic');
    const word = uniqueWord('typing');
    const patient = await patientWrites(relay, `${word} hello`);
    try {
      await openConversation(page, word);
      await patient.connection.socket.emitWithAck('typing', { threadId: patient.threadId, typing: true });
      await expect(page.getByText(/Patient #\d+ is typing…|is typing…/)).toBeVisible();
      await patient.connection.socket.emitWithAck('typing', { threadId: patient.threadId, typing: false });
      await expect(page.getByText(/is typing…/)).toHaveCount(0);

      const staffTyping = nextEvent<TypingEvent>(patient.connection.socket, 'typing', (e) => e.side === 'staff' && e.typing);
      await page.getByRole('textbox', { name: 'Reply' }).pressSequentially('We are');
      expect((await staffTyping).threadId).toBe(patient.threadId);

      const reply = nextEvent<Message>(patient.connection.socket, 'message', (m) => m.author.kind === 'staff');
      await page.getByRole('textbox', { name: 'Reply' }).press('Enter');
      const message = await reply;
      await expect(page.getByText('Seen by the patient')).toHaveCount(0);
      await patient.connection.socket.emitWithAck('read', { threadId: patient.threadId, upTo: message.id });
      await expect(messageLog(page).getByRole('listitem').filter({ hasText: 'We are' })).toContainText('Seen by the patient');
    } finally {
      patient.close();
    }
  });

  test('the tab title counts unread patient messages', async ({ page, relay }) => {
    await signIn(page, relay, 'admin@demo.clinic');
    const word = uniqueWord('count');
    const patient = await patientWrites(relay, `${word} anyone there?`);
    try {
      await expect(inboxRow(page, word)).toContainText('1 unread');
      await expect(page).toHaveTitle(/^\(\d+\) Clinic chat console$/);
      const before = Number(/^\((\d+)\)/.exec(await page.title())?.[1]);
      await openConversation(page, word);
      // Opening the conversation reads it.
      await expect(inboxRow(page, word)).not.toContainText(/\d+ unread/);
      await expect.poll(async () => Number(/^\((\d+)\)/.exec(await page.title())?.[1] ?? 0)).toBe(before - 1);
    } finally {
      patient.close();
    }
  });

  test('older messages load when scrolling up', async ({ page, relay }) => {
    const word = uniqueWord('history');
    const patient = await patientWrites(relay, `${word} first message`);
    try {
      // 55 messages: more than one page (50). A socket may send 30 per window, so two sockets share the load.
      const second = await connectVisitor(relay.url, { token: patient.connection.token });
      for (let i = 1; i < 55; i++) {
        const socket = i < 28 ? patient.connection.socket : second.socket;
        const ack = await socket.emitWithAck('message:send', { threadId: patient.threadId, clientId: newClientMessageId(), text: `line ${i}` });
        expect(ack.error).toBeUndefined();
      }
      second.socket.close();
      await signIn(page, relay, 'admin@demo.clinic');
      await inboxRow(page, 'line 54').click();
      await expect(messageLog(page).getByText('line 54', { exact: true })).toBeVisible();
      await expect(messageLog(page).getByText(`${word} first message`)).toHaveCount(0);
      await messageLog(page).hover();
      await page.mouse.wheel(0, -20_000);
      await expect(messageLog(page).getByText(`${word} first message`)).toBeVisible();
      await expect(page.getByText('Beginning of the conversation')).toBeVisible();
      await expect(messageLog(page).getByRole('listitem')).toHaveCount(55);
    } finally {
      patient.close();
    }
  });
});
