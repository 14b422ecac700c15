/**
 * Shared steps of the widget's browser tests: the demo page, the chat's controls found by
 * their accessible names (in the widget's shadow root, which Playwright's locators pierce),
 * and the clinic's side played by a staff socket. Every browser context is a new visitor,
 * and every test writes words no other test writes.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { ClientMessageId, ThreadId } from '../protocol/stream-ids.ts';
import type { Message } from '../protocol/model.ts';
import { DEMO_SITE_KEY } from '../relay/demo-seed.ts';
import { expect, type ClinicInfo } from './support/fixtures.ts';
import { connectStaff, nextEvent, ok, type StaffSocket } from './support/staff-client.ts';

export const newClientId = () => randomUUID() as ClientMessageId;

/** A phrase no other test writes. */
export const unique = (text: string) => `${text} ${randomUUID().slice(0, 8)}`;

export const RU = {
  open: 'Открыть чат',
  close: 'Закрыть',
  message: 'Сообщение',
  send: 'Отправить',
  clinic: 'Клиника «Здоровье+»',
} as const;

/** The chat's controls on a page whose widget speaks Russian (the demo site). */
export function chatOn(page: Page, words: { open: string; close: string; message: string; send: string } = RU) {
  const dialog = page.getByRole('dialog');
  return {
    host: page.locator('clinic-chat'),
    launcher: page.getByRole('button', { name: words.open }),
    badge: page.locator('clinic-chat .badge'),
    dialog,
    closeButton: dialog.getByRole('button', { name: words.close, exact: true }),
    textbox: dialog.getByRole('textbox', { name: words.message }),
    sendButton: dialog.getByRole('button', { name: words.send }),
    // The connection line (the opt-in form has status lines of its own).
    status: dialog.locator('[part="status"]'),
    /** Bubbles with this text: ours and the clinic's. */
    bubbles: (text: string) => dialog.locator('.msg', { hasText: text }),
    /** The delivery state shown under one of our messages. */
    stateOf: (text: string) => dialog.locator('.msg.own', { hasText: text }).locator('.state'),
  };
}

export type Chat = ReturnType<typeof chatOn>;

/**
 * Opens the demo clinic site and its chat, and waits until the chat is connected. The site
 * embeds the demo clinic's site key; for a test's own clinic use `openPageWith`.
 */
export async function openDemoChat(page: Page, clinic: ClinicInfo): Promise<Chat> {
  expect(clinic.siteKey, 'the demo site embeds the demo clinic').toBe(DEMO_SITE_KEY);
  await page.goto(`${clinic.url}/`);
  const chat = chatOn(page);
  await chat.launcher.click();
  await expect(chat.dialog).toBeVisible();
  await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
  return chat;
}

export async function send(chat: Chat, text: string): Promise<void> {
  await chat.textbox.fill(text);
  await chat.sendButton.click();
}

/** The clinic's side: a signed-in administrator's socket. */
export async function clinicAdmin(clinic: ClinicInfo): Promise<StaffSocket> {
  return connectStaff(clinic.url, clinic.email('admin'), clinic.demoPassword);
}

/** Resolves with the next patient text message with exactly this text that the staff socket receives. */
export function patientMessage(staff: StaffSocket, text: string): Promise<Message & { type: 'text' }> {
  return nextEvent<Message>(staff, 'message', (m) => m.type === 'text' && m.text === text) as Promise<Message & { type: 'text' }>;
}

export async function reply(staff: StaffSocket, threadId: ThreadId, text: string): Promise<void> {
  await ok(staff, 'message:send', { threadId, clientId: newClientId(), text });
}

/** How many stored messages of the thread carry exactly this text (asked of the relay, not the page). */
export async function storedCount(staff: StaffSocket, threadId: ThreadId, text: string): Promise<number> {
  const page = await ok(staff, 'message:history', { threadId, limit: 200 });
  return page.messages.filter((m) => m.type === 'text' && m.text === text).length;
}

/**
 * Opens a page with this HTML on the relay's origin (which every test clinic allows). The
 * document is written into a page the relay really served: a page fulfilled by
 * `page.route` would count as public, and Chromium's local network access checks would
 * then block its socket to the relay on localhost.
 */
export async function openPageWith(page: Page, clinic: Pick<ClinicInfo, 'url'>, html: string): Promise<void> {
  await page.goto(`${clinic.url}/page-under-test`);
  await page.setContent(html);
}

/** Records the widget's DOM events (type and detail) from the page's start, for widgetEvents(). */
export async function recordWidgetEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { type: string; detail: unknown }[] = [];
    Object.defineProperty(window, '__widgetEvents', { value: seen });
    for (const type of ['ready', 'open', 'close', 'message', 'unread', 'error']) {
      document.addEventListener(`clinic-chat:${type}`, (event) => {
        const detail = (event as CustomEvent).detail as Record<string, unknown>;
        // A message's detail is reduced to its text: enough to assert, and clonable.
        seen.push({ type: event.type, detail: 'message' in detail ? { text: (detail.message as { text?: string }).text } : detail });
      });
    }
  });
}

/** The details of the recorded events of one type, oldest first. */
export async function widgetEvents(page: Page, type: string): Promise<unknown[]> {
  return page.evaluate(
    (wanted) =>
      (window as unknown as { __widgetEvents: { type: string; detail: unknown }[] }).__widgetEvents
        .filter((event) => event.type === wanted)
        .map((event) => event.detail),
    type,
  );
}
