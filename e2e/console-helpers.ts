/**
 * Shared steps of the console's browser tests: sign a staff member in, play a patient
 * over the visitor namespace, open a conversation. Every patient is new, so each test
 * works on its own thread whatever else the worker's relay holds.
 */
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import type { ThreadId } from '../protocol/ids.ts';
import { newClientMessageId } from '../protocol/stream-ids.ts';
import type { Message } from '../protocol/model.ts';
import { expect, type ClinicInfo } from './support/fixtures.ts';
import { connectVisitor, ok, type VisitorConnection } from './support/visitor-client.ts';

/** A word no other test writes, to find this test's conversation in a shared inbox. */
export const uniqueWord = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`;

/** Signs in with the demo password, or with `password` (e.g. one the owner was just shown). */
export async function signIn(page: Page, clinic: ClinicInfo, email: string, password = clinic.demoPassword): Promise<void> {
  await page.goto(`${clinic.url}/console/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The list itself may be empty (and so take no space) for a doctor with nothing assigned.
  // On a phone "Sign out" is folded into the header's menu.
  await expect(page.getByRole('button', { name: 'Sign out', includeHidden: true })).toBeAttached();
  await expect(page.getByRole('list', { name: 'Conversations' })).toBeAttached();
}

export interface Patient {
  connection: VisitorConnection;
  threadId: ThreadId;
  /** Every message pushed to the patient, in arrival order. */
  received: Message[];
  say(text: string): Promise<void>;
  close(): void;
}

/** Where the patient's widget says it runs, as the handshake reports it. */
export interface PatientContext {
  page: string;
  timeZone: string;
}

export async function patientWrites(clinic: ClinicInfo, firstText: string, context?: PatientContext): Promise<Patient> {
  const connection = await connectVisitor(clinic.url, { siteKey: clinic.siteKey, ...context });
  const { thread } = await ok(connection.socket, 'thread:open', { kind: 'general' });
  const received: Message[] = [];
  connection.socket.on('message', (message) => received.push(message));
  const patient: Patient = {
    connection,
    threadId: thread.id,
    received,
    async say(text) {
      await ok(connection.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text });
    },
    close: () => connection.socket.close(),
  };
  await patient.say(firstText);
  return patient;
}

export const inboxRow = (page: Page, word: string): Locator =>
  page.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: new RegExp(word) });

export const messageLog = (page: Page): Locator => page.getByRole('log', { name: 'Messages' });

export async function openConversation(page: Page, word: string): Promise<void> {
  await inboxRow(page, word).click();
  await expect(messageLog(page).getByText(word).first()).toBeVisible();
}
