import { test, expect } from './support/fixtures.ts';
import { inboxRow, openConversation, patientWrites, signIn, uniqueWord } from './console-helpers.ts';

test('the owner downloads a patient’s transcript, then erases the patient after confirming; the conversation leaves the console', async ({ page, clinic }) => {
  const word = uniqueWord('erase');
  const patient = await patientWrites(clinic, word);
  await signIn(page, clinic, clinic.email('owner'));
  await openConversation(page, word);

  const transcript = page.getByRole('link', { name: 'Download transcript' });
  const href = await transcript.getAttribute('href');
  const html = await page.request.get(`${clinic.url}${href}`);
  expect(html.status()).toBe(200);
  expect(await html.text()).toContain(word);

  await page.getByRole('button', { name: 'Erase patient data…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Erase this patient’s data?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Erase for good' }).click();
  await expect(confirm).toBeHidden();
  await expect(inboxRow(page, word)).toHaveCount(0);
  expect((await page.request.get(`${clinic.url}${href}`)).status()).toBe(404);
  patient.close();
});

test('an administrator is offered neither export nor erasure', async ({ page, clinic }) => {
  const word = uniqueWord('keep');
  const patient = await patientWrites(clinic, word);
  await signIn(page, clinic, clinic.email('admin'));
  await openConversation(page, word);
  await expect(page.getByRole('heading', { name: 'Patient' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Erase patient data…' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Download transcript' })).toHaveCount(0);
  patient.close();
});

test('an administrator signs the patient out on all devices; the patient’s socket closes and the conversation stays', async ({ page, clinic }) => {
  const word = uniqueWord('signout');
  const patient = await patientWrites(clinic, word);
  const closed = new Promise((resolve) => patient.connection.socket.once('disconnect', resolve));
  await signIn(page, clinic, clinic.email('admin'));
  await openConversation(page, word);
  await page.getByRole('button', { name: 'Sign the patient out on all devices' }).click();
  await expect(page.getByText('The patient is signed out everywhere; the conversation stays.')).toBeVisible();
  await closed;
  await expect(inboxRow(page, word)).toBeVisible();
});
