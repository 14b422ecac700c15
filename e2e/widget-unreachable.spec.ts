/**
 * A page whose connections cannot reach the relay while the browser is online (here: a CSP
 * `connect-src` that forgot it; a firewall or a relay that is down look the same) tells the
 * patient the chat cannot be reached, not that they are offline; a browser that is offline
 * is told so.
 */
import { test, expect } from './support/fixtures.ts';
import { strictSite } from './support/strict-site.ts';
import { chatOn } from './widget-helpers.ts';

const UNREACHABLE = 'Не удаётся связаться с чатом — сообщения отправятся, когда связь вернётся';
const OFFLINE = 'Нет связи — сообщения отправятся, когда связь вернётся';

test('a chat whose relay is blocked by the page\'s connect-src says it cannot reach the chat, and "Offline" while the browser is offline', async ({
  relay,
  clinic,
  page,
  context,
}) => {
  const site = await strictSite(relay.url, clinic.siteKey, "'self'");
  try {
    await page.goto(site.url);
    const chat = chatOn(page);
    await chat.launcher.click();
    await expect(chat.status).toHaveText(UNREACHABLE);
    await expect(chat.dialog).toHaveAttribute('data-connection', 'offline');

    await context.setOffline(true);
    await expect(chat.status).toHaveText(OFFLINE);
    await context.setOffline(false);
    await expect(chat.status).toHaveText(UNREACHABLE);
  } finally {
    await site.close();
  }
});
