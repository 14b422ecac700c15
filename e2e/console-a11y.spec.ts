import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures.ts';
import { connectStaff, ok } from './support/staff-client.ts';
import { openConversation, patientWrites, signIn, uniqueWord } from './console-helpers.ts';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

test.describe('accessibility (axe-core)', () => {
  test('the sign-in form has no serious or critical violations', async ({ page, relay }) => {
    await page.goto(`${relay.url}/console/`);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  // Saves a ready answer, so it runs in a clinic of its own.
  test('the inbox and the conversation view have no serious or critical violations', async ({ page, clinic }) => {
    const word = uniqueWord('axe');
    const patient = await patientWrites(clinic, `${word} a question about prices`, { page: 'https://clinic.example/', timeZone: 'Europe/Moscow' });
    const admin = await connectStaff(clinic.url, clinic.email('admin'), clinic.demoPassword);
    await ok(admin, 'answers:save', { shortcut: uniqueWord('axe-').toLowerCase(), title: 'Opening hours', text: 'We are open 9 to 21.' });
    admin.close();
    try {
      await signIn(page, clinic, clinic.email('admin'));
      await expect(page.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: new RegExp(word) })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await openConversation(page, word);
      await page.getByRole('tab', { name: 'Private note' }).click();
      await page.getByRole('textbox', { name: 'Reply' }).fill('a note for colleagues');
      await page.getByRole('textbox', { name: 'Reply' }).press('Enter');
      await page.getByRole('button', { name: 'Take' }).click();
      await expect(page.getByText('assigned the conversation to')).toBeVisible();
      await expect(page.getByRole('region', { name: 'Patient' })).toContainText('Europe/Moscow');
      expect(await seriousViolations(page)).toEqual([]);

      // With the ready answers open over the composer.
      await page.getByRole('textbox', { name: 'Reply' }).pressSequentially('/');
      await expect(page.getByRole('listbox', { name: 'Ready answers' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('textbox', { name: 'Reply' }).press('Escape');

      // The ready answers manager, open as a modal dialog.
      await page.getByRole('button', { name: 'Ready answers' }).click();
      await expect(page.getByRole('dialog', { name: 'Ready answers' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      patient.close();
    }
  });
});
