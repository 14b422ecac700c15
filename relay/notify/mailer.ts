/**
 * E-mail notices over SMTP with nodemailer, from SMTP_URL and MAIL_FROM. The
 * transport's errors carry the recipient and the server's reply (which often repeats
 * the address), so only nodemailer's error code and the SMTP reply code leave here.
 */
import { createTransport } from 'nodemailer';
import type { NodemailerError } from 'nodemailer/lib/errors';
import { RelayError } from '../errors.ts';
import type { Channel, OutboundMessage, SendResult } from './channel.ts';

export interface MailerOptions {
  /** smtp:// or smtps:// URL, credentials included. */
  smtpUrl: string;
  /** The sender, e.g. `Clinic chat <notify@example.org>`. */
  from: string;
}

const TIMEOUTS = {
  /** A mail server that does not answer within 10 s is down for this attempt; the queue retries. */
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 20_000,
} as const;

/** Nodemailer's code and the SMTP reply code only: no address, no server text. */
function describe(error: NodemailerError): string {
  const code = typeof error.code === 'string' && /^[A-Z_]+$/.test(error.code) ? error.code : 'EUNKNOWN';
  return error.responseCode ? `${code} ${error.responseCode}` : code;
}

export function createMailer(options: MailerOptions): Channel {
  const transport = createTransport({ url: options.smtpUrl, pool: true, maxConnections: 2, ...TIMEOUTS });
  return {
    kind: 'email',
    async send(to: string, message: OutboundMessage): Promise<SendResult> {
      try {
        await transport.sendMail({ from: options.from, to, subject: message.subject, text: message.text, html: message.html });
        return { ok: true };
      } catch (error) {
        const failure = error as NodemailerError;
        return { ok: false, error: new RelayError('RELAY_ERR_MAIL_SEND', describe(failure)), permanent: failure.permanent === true };
      }
    },
    async close() {
      transport.close();
    },
  };
}
