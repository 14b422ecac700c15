import { test, expect } from './support/fixtures.ts';
import { chatOn, clinicAdmin, patientMessage, reply, send, openPageWith, unique } from './widget-helpers.ts';

const HOSTILE_PAGE = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Враждебные стили</title>
<style>
  * { all: unset !important; }
  button { display: none; }
  div { font-size: 40px; }
  body { font: 30px/3 "Comic Sans MS", cursive; color: red; letter-spacing: 4px; text-transform: uppercase; }
</style></head>
<body><div><p id="host-text">Сайт с очень агрессивными стилями.</p></div>
<script src="/widget.js" data-site-key="demo" async></script></body></html>`;

const PLAIN_PAGE = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Обычная страница</title>
<style>p { color: rgb(10, 20, 30); margin: 7px; font-size: 17px; }</style></head>
<body><p id="host-text">Текст сайта.</p><button id="host-button">Кнопка сайта</button>
<script src="/widget.js" data-site-key="demo" async></script></body></html>`;

test('a hostile host stylesheet breaks neither the launcher nor the panel', async ({ relay, page }) => {
  await openPageWith(page, relay, HOSTILE_PAGE);
  const chat = chatOn(page);

  // Polled: the loader's placeholder launcher is swapped for the element's own as the chat loads.
  await expect.poll(() => chat.launcher.boundingBox()).toMatchObject({ width: 56, height: 56 });

  await chat.launcher.click();
  await expect(chat.dialog).toBeVisible();
  await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
  const panelBox = (await chat.dialog.boundingBox())!;
  expect(panelBox.width).toBeGreaterThan(300);
  expect(panelBox.width).toBeLessThanOrEqual(370);
  // 16 px by design (no iOS zoom, issue 11), whatever the page's font sizes.
  await expect(chat.textbox).toHaveCSS('font-size', '16px');
  await expect(chat.sendButton).toBeVisible();
  await expect(chat.sendButton).toHaveCSS('text-transform', 'none');

  const text = unique('Проверка при враждебных стилях');
  await send(chat, text);
  await expect(chat.stateOf(text)).toHaveText('Отправлено');
  await expect(chat.bubbles(text).locator('.text')).toHaveCSS('font-size', '15px');
  await expect(chat.bubbles(text).locator('.text')).toHaveCSS('letter-spacing', 'normal');
});

// Lit keeps these on globalThis, shared by every copy of Lit on a page; they are Lit's, not the widget's API.
const LIT_GLOBALS = ['litPropertyMetadata', 'reactiveElementVersions', 'litHtmlVersions', 'litElementVersions'];

test('the widget leaks no CSS into the page and adds nothing to window but ClinicChat', async ({ relay, page }) => {
  await page.goto(`${relay.url}/page-under-test`);
  const pageGlobals = await page.evaluate(() => Object.keys(window));
  await page.setContent(PLAIN_PAGE);
  const snapshot = () =>
    page.evaluate(() => {
      const style = (id: string) => {
        const computed = getComputedStyle(document.getElementById(id)!);
        return [...computed].map((name) => `${name}:${computed.getPropertyValue(name)}`).join(';');
      };
      return {
        text: style('host-text'),
        button: style('host-button'),
        sheets: document.styleSheets.length,
        adopted: document.adoptedStyleSheets.length,
      };
    });
  const chat = chatOn(page);
  await expect(chat.launcher).toBeVisible();
  const beforeOpen = await snapshot();
  await chat.launcher.click();
  await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
  expect(await snapshot()).toEqual(beforeOpen);
  expect(beforeOpen.sheets).toBe(1);
  expect(beforeOpen.adopted).toBe(0);
  const added = (await page.evaluate(() => Object.keys(window))).filter((key) => !pageGlobals.includes(key));
  expect(added.filter((key) => !LIT_GLOBALS.includes(key))).toEqual(['ClinicChat']);
  expect(await page.evaluate(() => typeof (window as { ClinicChat?: { open?: unknown } }).ClinicChat?.open)).toBe('function');
});

test('markup and scripts in messages, from either side, are shown as text and never run', async ({ relay, page }) => {
  const staff = await clinicAdmin(relay);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  try {
    await page.goto(`${relay.url}/`);
    const chat = chatOn(page);
    await chat.launcher.click();
    await expect(chat.dialog).toHaveAttribute('data-connection', 'online');

    const tag = unique('xss');
    const fromPatient = `<img src=x onerror="window.__pwned='${tag}'"> <script>window.__pwned='${tag}'</script> ${tag}`;
    const arrived = patientMessage(staff, fromPatient);
    await send(chat, fromPatient);
    const { threadId } = await arrived;
    const fromClinic = `<b>жирный</b><img src=x onerror=alert(1)><a href="javascript:alert(2)">ссылка</a> ${tag}`;
    await reply(staff, threadId, fromClinic);

    await expect(chat.bubbles(fromPatient).locator('.text')).toHaveText(fromPatient);
    await expect(chat.bubbles(fromClinic).locator('.text')).toHaveText(fromClinic);
    await expect(chat.dialog.locator('.messages img, .messages script, .messages b, .messages a')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  } finally {
    staff.close();
  }
});
