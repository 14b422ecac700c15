/**
 * Where a test relay's notices go: a real SMTP server and a real signed-HTTP SMS receiver
 * (the mail catcher, run by the test on the test's Redis), with the settings that point
 * a relay at them. `next(match)` resolves with the next caught item that matches.
 */
import { startMailCatcher, type CaughtItem } from '../notify/mail-catcher.ts';
import { connectTo, type RedisTarget } from '../store/redis-client.ts';

export interface NoticeSink {
  /** SMTP_URL, MAIL_FROM, SMS_WEBHOOK_URL, SMS_WEBHOOK_SECRET for a relay's environment. */
  env: Record<string, string>;
  /** Everything caught so far, oldest first. */
  caught: CaughtItem[];
  next(match?: (item: CaughtItem) => boolean): Promise<CaughtItem>;
  /** After the relays sending to it (its SMTP server waits for their pooled connections). */
  close(): Promise<void>;
}

export async function startNoticeSink(target: RedisTarget): Promise<NoticeSink> {
  const redis = connectTo(target);
  const catcher = await startMailCatcher({ redis });
  const caught: CaughtItem[] = [];
  const waiters = new Set<{ match: (item: CaughtItem) => boolean; resolve: (item: CaughtItem) => void }>();
  catcher.onCaught((item) => {
    caught.push(item);
    for (const waiter of waiters) {
      if (waiter.match(item)) {
        waiters.delete(waiter);
        waiter.resolve(item);
      }
    }
  });
  return {
    env: {
      SMTP_URL: catcher.smtpUrl,
      MAIL_FROM: 'Clinic chat <notify@clinic.test>',
      SMS_WEBHOOK_URL: catcher.smsWebhookUrl,
      SMS_WEBHOOK_SECRET: catcher.smsWebhookSecret,
    },
    caught,
    next: (match = () => true) => new Promise((resolve) => waiters.add({ match, resolve })),
    async close() {
      await catcher.close();
      redis.disconnect();
    },
  };
}
