/**
 * What the widget costs a page nobody has touched yet (issue 11 §3): the chat chunk is
 * fetched when the browser is idle but runs only when the patient reaches for the launcher,
 * so its ~80 ms of evaluation never lands on a host page at a random moment.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures.ts';
import { chatOn, openPageWith } from './widget-helpers.ts';

// A clinic's own page with its own inline observer, laid over the relay's 404 page (whose strict CSP is the relay's).
test.use({ bypassCSP: true });

const EN = { open: 'Open chat', close: 'Close', message: 'Message', send: 'Send' } as const;
/** A task longer than this is one the patient can feel (the Long Tasks API's own threshold). */
const LONG_TASK_MS = 50;

interface Observed {
  longTasks: number[];
  /** Scripts of the widget's files that ran in a long animation frame: [file, ms]. */
  widgetScripts: [string, number][];
}

/** From the page's first script on: every long task, and the widget's scripts in long frames. */
async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const observed: Observed = { longTasks: [], widgetScripts: [] };
    Object.defineProperty(window, '__observed', { value: observed });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) observed.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const frame of list.getEntries() as (PerformanceEntry & { scripts: { sourceURL: string; duration: number }[] })[]) {
        for (const script of frame.scripts) if (/\/widget(\.js|\/)/.test(script.sourceURL)) observed.widgetScripts.push([script.sourceURL, script.duration]);
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
}

const observed = (page: Page) => page.evaluate(() => (window as unknown as { __observed: Observed }).__observed);

/** The performance entries of the chat chunk, by who asked for it. */
const chunkRequests = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => /\/widget\/chat-[\w-]+\.js$/.test(entry.name))
      .map((entry) => ({ by: (entry as PerformanceResourceTiming).initiatorType, transferred: (entry as PerformanceResourceTiming).transferSize })),
  );

test('a first visit fetches the chat at idle without running it, and runs it from the cache on the first hover', async ({ relay, page }) => {
  await observeLongTasks(page);
  await openPageWith(
    page,
    relay,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Idle</title></head><body>
    <p>A clinic's page.</p>
    <script src="/widget.js" data-site-key="${relay.siteKey}" async></script>
    </body></html>`,
  );
  const chat = chatOn(page, EN);
  await expect(chat.launcher).toBeVisible();
  // The idle prefetch: the chunk is in the HTTP cache…
  await expect.poll(() => chunkRequests(page)).toContainEqual(expect.objectContaining({ by: 'fetch' }));
  // …and nothing of it has run: no element, no socket, no long task.
  expect(await page.evaluate(() => customElements.get('clinic-chat'))).toBeUndefined();
  const idle = await observed(page);
  expect(idle.widgetScripts.filter(([, ms]) => ms > LONG_TASK_MS)).toEqual([]);
  expect(idle.longTasks.filter((ms) => ms > LONG_TASK_MS)).toEqual([]);

  await chat.launcher.hover();
  await page.waitForFunction(() => customElements.get('clinic-chat') !== undefined);
  // Run from the cache: the script tag transferred nothing over the network.
  expect(await chunkRequests(page)).toContainEqual({ by: 'script', transferred: 0 });
  await chat.launcher.click();
  await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
});

test('a press during which the chat starts running still opens it (the launcher is swapped under the pointer)', async ({ relay, page }) => {
  await openPageWith(
    page,
    relay,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Press</title></head><body>
    <script src="/widget.js" data-site-key="${relay.siteKey}" async></script>
    </body></html>`,
  );
  const chat = chatOn(page, EN);
  const box = (await chat.launcher.boundingBox())!;
  expect(await page.evaluate(() => customElements.get('clinic-chat'))).toBeUndefined();
  // The chunk is held back until the button is pressed, so it runs between press and release.
  const held: (() => Promise<void>)[] = [];
  await page.route(/\/widget\/chat-[\w-]+\.js$/, (route) => void held.push(() => route.continue()));
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await page.mouse.down();
  await Promise.all(held.map((release) => release()));
  await page.unroute(/\/widget\/chat-[\w-]+\.js$/);
  await page.evaluate(async () => {
    await customElements.whenDefined('clinic-chat');
    await (document.querySelector('clinic-chat') as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
  });
  await page.mouse.up();
  await expect(chat.dialog).toBeVisible();
  await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
});
