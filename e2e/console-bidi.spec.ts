import { newClientMessageId } from '../protocol/ids.ts';
import { test, expect } from './support/fixtures.ts';
import { connectVisitor, ok } from './support/visitor-client.ts';
import { inboxRow, signIn, uniqueWord } from './console-helpers.ts';

test('a patient’s name with a right-to-left override is isolated, and a very long one wraps instead of breaking the layout', async ({ page, clinic }) => {
  const word = uniqueWord('bidi');
  const name = `\u202Egnp.exe ${word} ${'Ж'.repeat(120)}`;
  const connection = await connectVisitor(clinic.url, { siteKey: clinic.siteKey });
  try {
    await ok(connection.socket, 'visitor:identify', { name });
    const { thread } = await ok(connection.socket, 'thread:open', { kind: 'general' });
    await ok(connection.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: `\u202Eтекст ${word}` });

    await signIn(page, clinic, clinic.email('admin'));
    const row = inboxRow(page, word);
    const rowName = row.locator('bdi.name');
    await expect(rowName).toHaveCSS('unicode-bidi', 'isolate');
    await row.click();
    const heading = page.getByRole('heading', { level: 2, name: new RegExp(word) }).first();
    await expect(heading.locator('bdi')).toHaveCSS('unicode-bidi', 'isolate');
    // The long name wraps inside its heading: nothing sticks out sideways.
    expect(await heading.evaluate((h) => h.scrollWidth <= h.clientWidth)).toBe(true);
    await expect(page.locator('cc-message-list bdi.author, bdi.author').first()).toHaveCSS('unicode-bidi', 'isolate');
    // Nothing signed it: the console says the name is the patient's word.
    await expect(page.getByText('Given by the patient, not verified')).toBeVisible();
  } finally {
    connection.socket.close();
  }
});
