import { test, expect } from './support/fixtures.ts';
import { signIn } from './console-helpers.ts';

test.describe('signing in and out', () => {
  test('wrong credentials get one message that does not say which part was wrong', async ({ page, relay }) => {
    await page.goto(`${relay.url}/console/`);
    await page.getByLabel('Email').fill('complaints@demo.clinic');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');

    await page.getByLabel('Email').fill('nobody@demo.clinic');
    await page.getByLabel('Password').fill(relay.demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
    await expect(page.getByRole('list', { name: 'Conversations' })).toHaveCount(0);
  });

  test('signing out ends the session on the server', async ({ page, relay }) => {
    await signIn(page, relay, 'owner@demo.clinic');
    await expect((await page.request.get(`${relay.url}/api/v1/auth/me`)).status()).toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect((await page.request.get(`${relay.url}/api/v1/auth/me`)).status()).toBe(401);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  });

  test.describe('in a Russian browser', () => {
    test.use({ locale: 'ru-RU' });

    test('the form is in Russian', async ({ page, relay }) => {
      await page.goto(`${relay.url}/console/`);
      await expect(page.getByLabel('Электронная почта')).toBeVisible();
      await expect(page.getByLabel('Пароль')).toBeVisible();
      await page.getByLabel('Электронная почта').fill('admin@demo.clinic');
      await page.getByLabel('Пароль').fill('wrong-password-1');
      await page.getByRole('button', { name: 'Войти' }).click();
      await expect(page.getByRole('alert')).toHaveText('Неверная почта или пароль.');
    });
  });
});
