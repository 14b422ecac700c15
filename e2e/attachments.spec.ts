/**
 * Files in both directions (issue 9, done-when (a) and (e)), through the real relay, its
 * storage and image processing: a patient's photo reaches staff without its EXIF and GPS,
 * and a staff PDF reaches the patient as a download.
 */
import { readFile, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/fixtures.ts';
import { messageLog, openConversation, signIn, uniqueWord } from './console-helpers.ts';
import { chatOn, openDemoChat, openPageWith, send } from './widget-helpers.ts';
import { CAMERA_MAKE, MINIMAL_PDF, photoWithGps } from '../relay/testing/attachment-files.ts';

/** A file under the test's own output folder, for a file input. */
async function fileOnDisk(name: string, body: Buffer): Promise<string> {
  const path = test.info().outputPath(name);
  await writeFile(path, body);
  return path;
}

/** Waits until every file in the tray has uploaded: no progress bar, no problem shown. */
async function uploaded(tray: Locator, count: number): Promise<void> {
  await expect(tray.getByRole('listitem')).toHaveCount(count);
  await expect(tray.getByRole('progressbar')).toHaveCount(0);
  await expect(tray.getByRole('alert')).toHaveCount(0);
}

/** Whether an `<img>` has loaded a picture (not a broken image). */
const loadedImage = (image: Locator) => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0);

async function staffConsole(page: Page, relay: Parameters<typeof signIn>[1], word: string): Promise<Locator> {
  await signIn(page, relay, 'admin@demo.clinic');
  await openConversation(page, word);
  return messageLog(page);
}

test('(a) a photo a patient attaches in the widget reaches staff as an image, and the file staff download carries no EXIF or GPS', async ({
  relay,
  page,
  browser,
}) => {
  const word = uniqueWord('photo');
  const photo = await photoWithGps();
  expect((await sharp(photo).metadata()).exif, 'the sample carries EXIF').toBeDefined();
  const chat = await openDemoChat(page, relay);
  await chat.dialog.getByLabel('Прикрепить файл').setInputFiles(await fileOnDisk('rash.jpg', photo));
  const tray = page.locator('clinic-chat-attach');
  await uploaded(tray, 1);
  // The preview is the patient's own file, before it is sent.
  await expect(tray.getByRole('list', { name: 'Файлы к отправке' })).toContainText('rash.jpg');
  await expect(tray.getByRole('button', { name: 'Убрать rash.jpg' })).toBeVisible();
  await send(chat, `${word} сыпь на руке`);
  await expect(tray.getByRole('listitem')).toHaveCount(0);
  // The patient sees it in their own message too.
  const own = chat.bubbles(word).getByRole('link', { name: 'Открыть rash.jpg' });
  await expect(own.getByRole('img', { name: 'rash.jpg' })).toBeVisible();

  const staffContext = await browser.newContext();
  try {
    const staff = await staffContext.newPage();
    const log = await staffConsole(staff, relay, word);
    const message = log.getByRole('listitem').filter({ hasText: word });
    const image = message.getByRole('img', { name: 'rash.jpg' });
    await expect(image).toBeVisible();
    await expect.poll(() => loadedImage(image)).toBe(true);

    const open = message.getByRole('link', { name: 'Open rash.jpg' });
    await expect(open).toHaveAttribute('href', /\/files\//);
    const download = await staffContext.request.get((await open.getAttribute('href'))!);
    expect(download.ok()).toBe(true);
    const stored = await download.body();
    const metadata = await sharp(stored).metadata();
    expect(metadata.format).toBe('jpeg');
    expect(metadata.exif, 'no EXIF block at all').toBeUndefined();
    expect(stored.includes(CAMERA_MAKE), 'no camera make left in the bytes').toBe(false);
    expect(stored.includes('GPS'), 'no GPS tag left in the bytes').toBe(false);
  } finally {
    await staffContext.close();
  }
});

test('(e) a PDF an administrator attaches in the console reaches the patient, who downloads it', async ({ relay, page, browser }) => {
  const word = uniqueWord('pdf');
  const chat = await openDemoChat(page, relay);
  await send(chat, `${word} пришлите, пожалуйста, прайс`);

  const staffContext = await browser.newContext();
  try {
    const staff = await staffContext.newPage();
    const log = await staffConsole(staff, relay, word);
    await staff
      .getByRole('tabpanel', { name: 'Reply' })
      .getByLabel('Attach file')
      .setInputFiles(await fileOnDisk('price-list.pdf', MINIMAL_PDF));
    await uploaded(staff.locator('cc-composer cc-attach-tray'), 1);
    const reply = staff.getByRole('textbox', { name: 'Reply' });
    await reply.fill('Наш прайс-лист');
    await reply.press('Enter');
    await expect(log.getByRole('listitem').filter({ hasText: 'Наш прайс-лист' }).getByRole('link', { name: 'Download price-list.pdf' })).toBeVisible();
  } finally {
    await staffContext.close();
  }

  const chip = chat.bubbles('Наш прайс-лист').getByRole('link', { name: 'Скачать price-list.pdf' });
  await expect(chip).toBeVisible();
  await expect(chip).toContainText('price-list.pdf');
  await expect(chip).toHaveAttribute('href', /\/files\//);
  const downloading = page.waitForEvent('download');
  await chip.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('price-list.pdf');
  expect(await readFile((await download.path())!)).toEqual(MINIMAL_PDF);
});

test('the widget’s tray takes at most five files and says so, Remove takes one out, and a dropped image joins them', async ({ relay, page }) => {
  const chat = await openDemoChat(page, relay);
  const picture = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#2a7' } })
    .png()
    .toBuffer();
  const files = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => fileOnDisk(`scan-${n}.png`, picture)));
  await chat.dialog.getByLabel('Прикрепить файл').setInputFiles(files);
  const tray = page.locator('clinic-chat-attach');
  await uploaded(tray, 5);
  await expect(tray.getByRole('status')).toHaveText('Не больше 5 файлов в одном сообщении.');
  await expect(tray).not.toContainText('scan-6.png');

  await tray.getByRole('button', { name: 'Убрать scan-2.png' }).click();
  await expect(tray.getByRole('listitem')).toHaveCount(4);
  await expect(tray).not.toContainText('scan-2.png');

  // Dragged from the desktop onto the chat: a DataTransfer carrying one file.
  const dropped = await page.evaluateHandle(
    async (bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
      return transfer;
    },
    [...picture],
  );
  await chat.dialog.dispatchEvent('drop', { dataTransfer: dropped });
  await uploaded(tray, 5);
  await expect(tray).toContainText('dropped.png');

  const word = uniqueWord('scans');
  await send(chat, word);
  await expect(chat.bubbles(word).getByRole('img')).toHaveCount(5);
});

test('(e) a ready answer with a PDF and {name}: the administrator saves it with its file, uses it by its shortcut, and the patient is greeted by name and downloads the PDF', async ({
  clinic,
  page,
  browser,
}) => {
  const word = uniqueWord('answer');
  await openPageWith(
    page,
    clinic,
    `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Клиника</title></head><body>
    <script src="/widget.js" data-site-key="${clinic.siteKey}" async></script></body></html>`,
  );
  const chat = chatOn(page);
  await chat.launcher.click();
  await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
  await page.evaluate(() => window.ClinicChat!.identify({ name: 'Мария' }));
  await send(chat, `${word} пришлите, пожалуйста, прайс`);

  const staffContext = await browser.newContext();
  try {
    const staff = await staffContext.newPage();
    await signIn(staff, clinic, clinic.email('admin'));
    await staff.getByRole('button', { name: 'Ready answers' }).click();
    const answers = staff.getByRole('dialog', { name: 'Ready answers' });
    await answers.getByLabel('Shortcut').fill('price');
    await answers.getByLabel('Title').fill('Прайс-лист');
    await answers.getByLabel('Text').fill('Здравствуйте, {name}! Прайс-лист во вложении.');
    await answers.getByLabel('Attach file').setInputFiles(await fileOnDisk('price-list.pdf', MINIMAL_PDF));
    await uploaded(answers.locator('cc-attach-tray'), 1);
    await answers.getByRole('button', { name: 'Save answer' }).click();
    await expect(answers.getByRole('listitem').filter({ hasText: '/price' })).toContainText('price-list.pdf');
    await answers.getByRole('button', { name: 'Close' }).click();

    await openConversation(staff, word);
    const reply = staff.getByRole('textbox', { name: 'Reply' });
    await reply.pressSequentially('/price');
    await reply.press('Enter');
    await expect(reply).toHaveValue('Здравствуйте, Мария! Прайс-лист во вложении.');
    const tray = staff.locator('cc-composer cc-attach-tray');
    await uploaded(tray, 1);
    await expect(tray).toContainText('price-list.pdf');
    await reply.press('Enter');
    await expect(messageLog(staff).getByRole('link', { name: 'Download price-list.pdf' })).toBeVisible();
  } finally {
    await staffContext.close();
  }

  const bubble = chat.bubbles('Здравствуйте, Мария! Прайс-лист во вложении.');
  const chip = bubble.getByRole('link', { name: 'Скачать price-list.pdf' });
  await expect(chip).toHaveAttribute('href', /\/files\//);
  const downloading = page.waitForEvent('download');
  await chip.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('price-list.pdf');
  expect(await readFile((await download.path())!)).toEqual(MINIMAL_PDF);
});
