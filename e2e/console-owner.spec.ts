import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { test, expect, type ClinicInfo } from './support/fixtures.ts';
import { connectStaff, login, ok, type StaffSocket } from './support/staff-client.ts';
import { connectVisitor } from './support/visitor-client.ts';
import { signIn } from './console-helpers.ts';

/**
 * Every test here changes its clinic, so each gets its own (the `clinic` fixture). E-mails
 * are unique across the worker's relay: every colleague gets a fresh one.
 */
const newColleague = (clinic: ClinicInfo, who: string) => {
  const suffix = randomUUID().slice(0, 8);
  return { email: `${who}-${suffix}@${clinic.siteKey}.clinic`, name: `${who} ${suffix}` };
};

const staffDialog = (page: Page): Locator => page.getByRole('dialog', { name: 'Staff', exact: true });

async function openStaff(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Staff', exact: true }).click();
  const dialog = staffDialog(page);
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The generated password in the dialog's note about `name`. */
async function shownPassword(dialog: Locator, name: string): Promise<string> {
  const note = dialog.getByRole('region', { name: `Password for ${name}` });
  await expect(note).toBeVisible();
  return (await note.locator('.password').innerText()).trim();
}

async function ownerSocket(clinic: ClinicInfo): Promise<StaffSocket> {
  return connectStaff(clinic.url, clinic.email('owner'), clinic.demoPassword);
}

test.describe('the owner manages staff and the clinic', () => {
  test('the owner adds a colleague, who signs in with the password shown once', async ({ page, browser, clinic }) => {
    const colleague = newColleague(clinic, 'admin');
    await signIn(page, clinic, clinic.email('owner'));
    const dialog = await openStaff(page);
    await dialog.getByLabel('Email', { exact: true }).fill(colleague.email);
    await dialog.getByLabel('Name', { exact: true }).fill(colleague.name);
    await dialog.getByLabel('Role', { exact: true }).selectOption({ label: 'Administrator' });
    await dialog.getByRole('button', { name: 'Add member' }).click();
    const password = await shownPassword(dialog, colleague.name);
    expect(password.length).toBeGreaterThanOrEqual(10);
    await expect(dialog.getByRole('list', { name: 'Staff members' }).getByRole('listitem').filter({ hasText: colleague.email })).toContainText('Active');

    // Once dismissed, the password is gone for good.
    await dialog.getByRole('button', { name: 'Done, hide the password' }).click();
    await expect(dialog.getByText(password)).toHaveCount(0);

    const context = await browser.newContext();
    try {
      const theirPage = await context.newPage();
      await signIn(theirPage, clinic, colleague.email, password);
      await expect(theirPage.getByText(`Signed in as ${colleague.name} · Administrator`)).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test('a deactivated colleague is signed out at once and cannot sign in until reactivated', async ({ page, browser, clinic }) => {
    const colleague = newColleague(clinic, 'complaints');
    const owner = await ownerSocket(clinic);
    const { password } = await ok(owner, 'staff:add', { ...colleague, role: 'complaints' });
    owner.close();
    const context = await browser.newContext();
    try {
      const theirPage = await context.newPage();
      await signIn(theirPage, clinic, colleague.email, password);

      await signIn(page, clinic, clinic.email('owner'));
      const dialog = await openStaff(page);
      await dialog.getByRole('button', { name: `Deactivate ${colleague.name}` }).click();
      const row = dialog.getByRole('listitem').filter({ hasText: colleague.email });
      await expect(row).toContainText('Deactivated');

      await expect(theirPage.getByRole('button', { name: 'Sign in' })).toBeVisible();
      await expect(theirPage.getByText('Your account has been deactivated.')).toBeVisible();
      await expect(login(clinic.url, colleague.email, password)).rejects.toThrow(/401/);

      await row.getByRole('button', { name: `Reactivate ${colleague.name}` }).click();
      await expect(row).toContainText('Active');
      await expect(login(clinic.url, colleague.email, password)).resolves.toMatchObject({ me: { staff: { role: 'complaints' } } });
    } finally {
      await context.close();
    }
  });

  test('the owner changes a role and resets a password; only the new password works', async ({ page, clinic }) => {
    const colleague = newColleague(clinic, 'staff');
    const owner = await ownerSocket(clinic);
    try {
      const { member, password: first } = await ok(owner, 'staff:add', { ...colleague, role: 'admin' });
      await signIn(page, clinic, clinic.email('owner'));
      const dialog = await openStaff(page);

      await dialog.getByLabel(`Role of ${colleague.name}`).selectOption({ label: 'Complaints manager' });
      await expect.poll(async () => (await ok(owner, 'staff:list', { all: true })).staff.find((m) => m.id === member.id)?.role).toBe('complaints');

      await dialog.getByRole('button', { name: `Reset the password of ${colleague.name}` }).click();
      const second = await shownPassword(dialog, colleague.name);
      expect(second).not.toBe(first);
      await expect(login(clinic.url, colleague.email, second)).resolves.toMatchObject({ me: { staff: { role: 'complaints' } } });
      await expect(login(clinic.url, colleague.email, first)).rejects.toThrow(/401/);
    } finally {
      owner.close();
    }
  });

  test("a colleague whose role changes while signed in gets the new role's console without signing in again", async ({ page, clinic }) => {
    const colleague = newColleague(clinic, 'staff');
    const owner = await ownerSocket(clinic);
    try {
      const { member, password } = await ok(owner, 'staff:add', { ...colleague, role: 'admin' });
      await signIn(page, clinic, colleague.email, password);
      await expect(page.getByText(`Signed in as ${colleague.name} · Administrator`)).toBeVisible();
      await expect(page.getByRole('button', { name: 'Ready answers' }).first()).toBeVisible();

      await ok(owner, 'staff:update', { staffId: member.id, role: 'doctor' });
      await expect(page.getByText(`Signed in as ${colleague.name} · Doctor`)).toBeVisible();
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    } finally {
      owner.close();
    }
  });

  test('a new greeting, and one in English, reach patients who connect after the save, within the relay cache time', async ({ page, clinic }) => {
    const owner = await ownerSocket(clinic);
    const { clinic: before } = await ok(owner, 'clinic:get', {});
    const greeting = `Hello from the test ${randomUUID().slice(0, 8)}`;
    const english = `In English ${randomUUID().slice(0, 8)}`;
    const greetingSeen = async (lang?: 'en') => {
      const patient = await connectVisitor(clinic.url, { siteKey: clinic.siteKey, lang });
      patient.socket.close();
      return patient.session.clinic.greeting;
    };
    try {
      // A patient connects first, so the relay holds the clinic in its cache when the owner saves.
      expect(await greetingSeen()).toBe(before.greeting);
      await signIn(page, clinic, clinic.email('owner'));
      await page.getByRole('button', { name: 'Clinic settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Clinic settings' });
      await expect(dialog.getByLabel('Allowed sites')).toHaveValue(before.origins.join('\n'));
      await dialog.getByLabel('Greeting', { exact: true }).fill(greeting);
      await dialog.getByLabel('Greeting in English').fill(english);
      await dialog.getByRole('button', { name: 'Save settings' }).click();
      await expect(dialog.getByRole('status')).toContainText('Settings saved');

      await expect.poll(() => greetingSeen(), { timeout: 10_000 }).toBe(greeting);
      expect(await greetingSeen('en')).toBe(english);
      expect((await ok(owner, 'clinic:get', {})).clinic.texts).toEqual({ ru: {}, en: { greeting: english } });
    } finally {
      owner.close();
    }
  });

  test('a bad allowed site is refused with the reason, and nothing is saved', async ({ page, clinic }) => {
    await signIn(page, clinic, clinic.email('owner'));
    await page.getByRole('button', { name: 'Clinic settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clinic settings' });
    const sites = dialog.getByLabel('Allowed sites');
    const before = await sites.inputValue();
    await sites.fill(`${before}\nclinic.example/path`);
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await expect(dialog.getByRole('alert')).toContainText('each allowed site must look like https://clinic.example');

    const owner = await ownerSocket(clinic);
    try {
      expect((await ok(owner, 'clinic:get', {})).clinic.origins.join('\n')).toBe(before);
    } finally {
      owner.close();
    }
  });

  test('an administrator sees neither the staff nor the clinic settings', async ({ page, clinic }) => {
    await signIn(page, clinic, clinic.email('admin'));
    await expect(page.getByRole('button', { name: 'Ready answers' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Staff', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Clinic settings' })).toHaveCount(0);
  });

  test('the open staff dialog, with a new password shown, has no serious or critical axe violations', async ({ page, clinic }) => {
    const colleague = newColleague(clinic, 'axe');
    await signIn(page, clinic, clinic.email('owner'));
    const dialog = await openStaff(page);
    await dialog.getByLabel('Email', { exact: true }).fill(colleague.email);
    await dialog.getByLabel('Name', { exact: true }).fill(colleague.name);
    await dialog.getByLabel('Role', { exact: true }).selectOption({ label: 'Complaints manager' });
    await dialog.getByRole('button', { name: 'Add member' }).click();
    await shownPassword(dialog, colleague.name);

    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    expect(serious).toEqual([]);
  });
});
