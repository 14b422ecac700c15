/**
 * What a T4 page runs (bundled by browser-patients.ts with the script tag's plugins): one
 * patient's ClinicChatClient queues its messages at once and waits until it shows them all
 * stored. Bundled rather than passed to `page.evaluate`, which would carry tsx's helpers.
 */
import type { ClientMessageId } from '../protocol/ids.ts';
import type { Message } from '../protocol/model.ts';
import { ClinicChatClient } from '../widget/client/index.ts';

export interface PagePatientOptions {
  relay: string;
  siteKey: string;
  label: string;
  count: number;
  deadlineMs: number;
}

export async function runPatient({ relay, siteKey, label, count, deadlineMs }: PagePatientOptions) {
  // Memory storage: each page is a patient of its own.
  const chat = new ClinicChatClient({ siteKey, relay, storage: null });
  chat.connect();
  const sent: ClientMessageId[] = [];
  // All queued at once, most within one millisecond: they must still be stored in this order.
  for (let i = 0; i < count; i += 1) sent.push(chat.send(`${label} message ${i}`));
  try {
    const shown = await new Promise<Message[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${label} still had unsent messages after ${deadlineMs / 1000} s`)), deadlineMs);
      const check = () => {
        const timeline = chat.timeline();
        if (timeline.some((entry) => entry.kind === 'unsent')) return;
        const stored = timeline.flatMap((entry) => (entry.kind === 'stored' ? [entry.message] : []));
        const mine = new Set(stored.flatMap((message) => ('clientId' in message ? [message.clientId] : [])));
        if (!sent.every((id) => mine.has(id))) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(stored);
      };
      const unsubscribe = chat.on('change', check);
      check();
    });
    const threadId = chat.thread?.id;
    if (!threadId) throw new Error(`${label} has no thread`);
    return { threadId, sent, shown };
  } finally {
    chat.dispose();
  }
}
