/**
 * The console on phones and tablets (issue 12, section 1): one column at a time on a phone,
 * two on a tablet, no sideways scrolling, an inbox that scrolls without moving the page,
 * touch-sized targets, an installable manifest, and no serious axe findings on a phone.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, type ClinicInfo } from './support/fixtures.ts';
import { connectStaff, ok } from './support/staff-client.ts';
import { newActionId } from '../protocol/stream-ids.ts';
import { inboxRow, messageLog, patientWrites, signIn, uniqueWord, type Patient } from './console-helpers.ts';

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };

const overflow = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth - innerWidth);

/** A patient's conversation assigned to the clinic's demo doctor. */
async function doctorsPatient(clinic: ClinicInfo, text: string): Promise<Patient> {
  const patient = await patientWrites(clinic, text);
  const admin = await connectStaff(clinic.url, clinic.email('admin'), clinic.demoPassword);
  try {
    const { staff } = await ok(admin, 'staff:list', {});
    const doctor = staff.find((member) => member.email === clinic.email('doctor'));
    await ok(admin, 'thread:assign', { threadId: patient.threadId, assigneeId: doctor!.id, actionId: newActionId() });
  } finally {
    admin.close();
  }
  return patient;
}

for (const [device, viewport] of [
  ['a phone', PHONE],
  ['a tablet', TABLET],
] as const) {
  test(`on ${device} a doctor opens a conversation, replies and goes back, and nothing scrolls sideways`, async ({ page, clinic }) => {
    await page.setViewportSize(viewport);
    const word = uniqueWord('mobile');
    const patient = await doctorsPatient(clinic, `${word} is the swelling normal after two days?`);
    try {
      await signIn(page, clinic, clinic.email('doctor'));
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await inboxRow(page, word).click();
      await expect(messageLog(page).getByText(word)).toBeVisible();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      const onPhone = device === 'a phone';
      // A phone shows the conversation alone; a tablet keeps the list beside it.
      await expect(page.getByRole('list', { name: 'Conversations' })).toBeVisible({ visible: !onPhone });

      const reply = page.getByRole('textbox', { name: 'Reply' });
      await reply.fill(`A little swelling is normal for three days (${word}).`);
      await reply.press('Enter');
      await expect.poll(() => patient.received.some((m) => m.type === 'text' && m.text.startsWith('A little swelling'))).toBe(true);

      await page.getByRole('button', { name: 'Patient details' }).click();
      await expect(page.getByRole('region', { name: 'Patient' })).toBeVisible();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.getByRole('button', { name: 'Close patient details' }).click();
      await expect(page.getByRole('region', { name: 'Patient' })).toBeHidden();

      if (onPhone) {
        const back = page.getByRole('button', { name: 'Back to conversations' });
        const box = await back.boundingBox();
        expect(box!.height).toBeGreaterThanOrEqual(44);
        await back.click();
      } else await page.keyboard.press('Escape');
      // The row follows one's own reply and says whose it is.
      await expect(inboxRow(page, word)).toContainText('You: A little swelling');
      await expect(page).toHaveURL(/\/console\/#?$/);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
    } finally {
      patient.close();
    }
  });
}

test('wheel-scrolling a 40-row inbox past its end never moves the page', async ({ page, clinic }) => {
  const word = uniqueWord('many');
  const patients = await Promise.all(Array.from({ length: 40 }, (_, i) => patientWrites(clinic, `${word} patient ${i}`)));
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, clinic, clinic.email('admin'));
    const list = page.getByRole('list', { name: 'Conversations' });
    await expect(list.getByRole('button', { name: new RegExp(word) })).toHaveCount(40);
    await list.hover();
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 1200);
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            document
              .querySelector('cc-console-app')!
              .shadowRoot!.querySelector('cc-workspace')!
              .shadowRoot!.querySelector('cc-inbox')!
              .shadowRoot!.querySelector('.list')!.scrollTop,
        ),
      )
      .toBeGreaterThan(0);
    expect(await page.evaluate(() => ({ y: scrollY, grown: document.scrollingElement!.scrollHeight > innerHeight }))).toEqual({ y: 0, grown: false });
  } finally {
    for (const patient of patients) patient.close();
  }
});

test('the phone layout has no serious or critical axe findings, and the console is installable', async ({ page, clinic }) => {
  await page.setViewportSize(PHONE);
  const word = uniqueWord('axephone');
  const patient = await patientWrites(clinic, `${word} a question`);
  try {
    await signIn(page, clinic, clinic.email('admin'));
    const serious = async () =>
      (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    expect(await serious()).toEqual([]);
    await inboxRow(page, word).click();
    await expect(messageLog(page).getByText(word)).toBeVisible();
    expect(await serious()).toEqual([]);
    await page.getByRole('button', { name: 'Patient details' }).click();
    await expect(page.getByRole('button', { name: 'Take' })).toBeVisible();
    expect(await serious()).toEqual([]);
    await page.getByRole('button', { name: 'Close patient details' }).click();
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    expect(await serious()).toEqual([]);

    const manifest = await page.request.get(`${clinic.url}/console/manifest.webmanifest`);
    expect(manifest.ok()).toBe(true);
    const { start_url, display, icons } = (await manifest.json()) as { start_url: string; display: string; icons: { src: string; type: string }[] };
    expect({ start_url, display }).toEqual({ start_url: '/console/', display: 'standalone' });
    for (const icon of icons) {
      const response = await page.request.get(`${clinic.url}${icon.src}`);
      expect(response.ok(), icon.src).toBe(true);
      expect(response.headers()['content-type']).toContain(icon.type);
    }
  } finally {
    patient.close();
  }
});
