/**
 * Alerts that work (issue 12, section 4): after a reload with alerts on, the console says
 * sound needs a click until the next gesture lets it play; a desktop notification for a new
 * conversation names the patient by the thread's pseudonym.
 */
import { test, expect } from './support/fixtures.ts';
import { patientWrites, signIn, uniqueWord } from './console-helpers.ts';
import { API_PREFIX } from '../protocol/constants.ts';

test('with alerts on from an earlier visit, "Click to enable sound" shows until the first click', async ({ page, clinic }) => {
  // Signed in and alerts chosen without touching this page: no gesture has let sound play yet.
  const login = await page.request.post(`${clinic.url}${API_PREFIX}/auth/login`, { data: { email: clinic.email('admin'), password: clinic.demoPassword } });
  expect(login.ok()).toBe(true);
  await page.addInitScript(() => {
    localStorage.setItem('clinic-chat.console.alerts', 'on');
    // Headless Chromium lets any page play sound; a desktop browser keeps a page's audio
    // suspended until the user's first gesture: made before any gesture, a context starts suspended.
    const Real = window.AudioContext;
    class DesktopPolicy extends Real {
      constructor(options?: AudioContextOptions) {
        super(options);
        void this.suspend();
      }
    }
    Object.defineProperty(window, 'AudioContext', { value: DesktopPolicy });
  });
  await page.goto(`${clinic.url}/console/`);
  await expect(page.getByRole('checkbox', { name: 'Sound and desktop alerts' })).toBeChecked();
  const enable = page.getByRole('button', { name: 'Click to enable sound' });
  await expect(enable).toBeVisible();
  // Any gesture in the page will do, not only the button.
  await page.getByRole('heading', { level: 1 }).click();
  await expect(enable).toHaveCount(0);
});

test("a new conversation's desktop notification names the patient by the thread's pseudonym", async ({ page, clinic, context }) => {
  await context.grantPermissions(['notifications']);
  // The page reads as hidden (a console in a background tab), and the notifications it shows
  // are recorded as the browser gets them.
  await page.addInitScript(() => {
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
    const shown: string[] = [];
    const Real = window.Notification;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(title);
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recorded });
    Object.defineProperty(window, 'shownNotifications', { value: shown });
  });
  await signIn(page, clinic, clinic.email('admin'));
  await page.getByRole('checkbox', { name: 'Sound and desktop alerts' }).check();

  const word = uniqueWord('named');
  const patient = await patientWrites(clinic, `${word} first words`);
  try {
    const row = page.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: new RegExp(word) });
    await expect(row).toBeVisible();
    const name = await row.locator('.name').textContent();
    expect(name).toMatch(/\S/);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications))
      .toEqual([`New message from ${name}`]);
  } finally {
    patient.close();
  }
});
