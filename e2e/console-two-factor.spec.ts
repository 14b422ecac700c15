import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { generate } from 'otplib';
import { test, expect } from './support/fixtures.ts';
import { connectStaff, ok } from './support/staff-client.ts';

async function enterCredentials(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/console/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const signedIn = (page: Page) => expect(page.getByRole('button', { name: 'Sign out', includeHidden: true })).toBeAttached();

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
}

test('a member turns on two-factor sign-in, then signs in with a TOTP code and with a recovery code', async ({ page, clinic }) => {
  const owner = await connectStaff(clinic.url, clinic.email('owner'), clinic.demoPassword);
  const email = `twofa-${randomUUID().slice(0, 8)}@${clinic.siteKey}.clinic`;
  const { password } = await ok(owner, 'staff:add', { email, name: 'Two Factor', role: 'admin' });
  owner.close();

  await enterCredentials(page, clinic.url, email, password);
  await signedIn(page);
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Two-factor sign-in' });
  const secret = (await dialog.locator('.key').innerText()).trim();
  await dialog.getByLabel('Code from the app').fill(await generate({ secret }));
  await dialog.getByRole('button', { name: 'Turn on' }).click();
  const codes = dialog.getByRole('list', { name: 'Recovery codes: save them now' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().innerText()).trim();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('button', { name: 'Set up two-factor sign-in' })).toHaveCount(0);
  await signOut(page);

  // The password alone leads to the code step; the next time step's code signs in.
  await enterCredentials(page, clinic.url, email, password);
  const code = page.getByLabel('Code from your authenticator app, or a recovery code');
  await expect(code).toBeVisible();
  await code.fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).toHaveText('The code is not valid, or was already used.');
  await code.fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await page.getByRole('button', { name: 'Verify' }).click();
  await signedIn(page);
  await signOut(page);

  await enterCredentials(page, clinic.url, email, password);
  await code.fill(recovery);
  await page.getByRole('button', { name: 'Verify' }).click();
  await signedIn(page);
});
