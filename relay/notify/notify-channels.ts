/**
 * The channels notices go out through, from the configuration: SMTP_URL (else the local
 * mail catcher's SMTP server) for e-mail, SMS_WEBHOOK_URL (else the catcher's receiver)
 * for SMS. A channel with neither is absent, and a notice for it fails visibly
 * (RELAY_ERR_NOTIFY_NO_CHANNEL, the thread's failed mark).
 */
import type { RelayConfig } from '../config.ts';
import type { Channel, ChannelKind } from './channel.ts';
import type { MailCatcher } from './mail-catcher.ts';
import { createMailer } from './mailer.ts';
import { createSmsGateway } from './sms-gateway.ts';

export type Channels = Partial<Record<ChannelKind, Channel>>;

export function createChannels(
  config: Pick<RelayConfig, 'smtpUrl' | 'mailFrom' | 'smsWebhookUrl' | 'smsWebhookSecret'>,
  catcher: MailCatcher | null,
): Channels {
  const channels: Channels = {};
  const smtpUrl = config.smtpUrl ?? catcher?.smtpUrl;
  if (smtpUrl) channels.email = createMailer({ smtpUrl, from: config.mailFrom });
  if (config.smsWebhookUrl && config.smsWebhookSecret) channels.sms = createSmsGateway({ url: config.smsWebhookUrl, secret: config.smsWebhookSecret });
  else if (catcher) channels.sms = createSmsGateway({ url: catcher.smsWebhookUrl, secret: catcher.smsWebhookSecret });
  return channels;
}

export async function closeChannels(channels: Channels): Promise<void> {
  await Promise.all(Object.values(channels).map((channel) => channel.close()));
}
