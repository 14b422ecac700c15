import { test, expect } from './support/fixtures.ts';
import { openConversation, patientWrites, signIn, uniqueWord } from './console-helpers.ts';

test('the head’s reads appear in the owner’s access log, filtered by action, and download as CSV', async ({ page, browser, clinic }) => {
  const word = uniqueWord('log');
  const patient = await patientWrites(clinic, word);
  const headContext = await browser.newContext();
  try {
    const headPage = await headContext.newPage();
    await signIn(headPage, clinic, clinic.email('head'));
    await openConversation(headPage, word);
  } finally {
    await headContext.close();
  }

  await signIn(page, clinic, clinic.email('owner'));
  await page.getByRole('button', { name: 'Access log', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Access log: who read patient data, when' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Action').selectOption({ label: 'read messages' });
  await dialog.getByRole('button', { name: 'Show' }).click();
  const rows = dialog.getByRole('row');
  await expect(rows.filter({ hasText: 'read messages' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'opened the conversation' })).toHaveCount(0);

  const csvHref = await dialog.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
  expect(csvHref).toContain('action=history');
  const csv = await page.request.get(`${clinic.url}${csvHref}`);
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
  expect((await csv.text()).split('\r\n')[0]).toBe('id,at,action,staffId,visitorId,threadId,erased');
  patient.close();
});

test('a doctor is not offered the access log', async ({ page, clinic }) => {
  await signIn(page, clinic, clinic.email('doctor'));
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Access log' })).toHaveCount(0);
});
