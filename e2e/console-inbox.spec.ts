import { test, expect } from './support/fixtures.ts';
import { inboxRow, openConversation, patientWrites, signIn, uniqueWord } from './console-helpers.ts';

test.describe('the inbox', () => {
  test('filters follow assignment and status changes live', async ({ page, relay }) => {
    const word = uniqueWord('filters');
    const patient = await patientWrites(relay, `${word} can I book for Monday?`);
    try {
      await signIn(page, relay, 'admin@demo.clinic');
      const filter = (name: string) => page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name, exact: true });

      await filter('Unassigned').click();
      await expect(filter('Unassigned')).toHaveAttribute('aria-pressed', 'true');
      await openConversation(page, word);
      await page.getByRole('button', { name: 'Take' }).click();
      await expect(inboxRow(page, word)).toHaveCount(0);

      await filter('Mine').click();
      await expect(inboxRow(page, word)).toContainText('Assigned to Анна Козлова');

      await page.getByLabel('Status').selectOption('waiting');
      await expect(inboxRow(page, word)).toHaveCount(0);
      await filter('Waiting for patient').click();
      await expect(inboxRow(page, word)).toContainText('Waiting');

      await page.getByLabel('Status').selectOption('solved');
      await filter('Solved').click();
      await expect(inboxRow(page, word)).toBeVisible();
      await filter('Closed').click();
      await expect(inboxRow(page, word)).toHaveCount(0);
    } finally {
      patient.close();
    }
  });

  test('signing out in one tab ends the session in every tab', async ({ context, relay }) => {
    const first = await context.newPage();
    await signIn(first, relay, 'complaints@demo.clinic');
    const second = await context.newPage();
    await second.goto(`${relay.url}/console/`);
    await expect(second.getByRole('button', { name: 'Sign out' })).toBeVisible();

    await first.getByRole('button', { name: 'Sign out' }).click();
    await expect(second.getByText('You have signed out.')).toBeVisible();
    await expect(second.getByRole('button', { name: 'Sign in' })).toBeVisible();
  });
});
