/**
 * Words of a lazy chunk, in both languages, joined to the dictionary when the chunk loads,
 * for the owner's outbox (outbox-view.ts, in the owner-tools chunk).
 */
import { addWords } from './index.ts';

export const words = {
  en: {
    'outbox.heading': 'Outbox: mails and SMS caught on this relay',
    'outbox.hint': 'No SMTP server is set (SMTP_URL), so the relay keeps here what it would have sent: nothing left this computer.',
    'outbox.refresh': 'Refresh',
    'outbox.empty': 'Nothing caught yet.',
    'outbox.list': 'Caught mails and SMS, newest first',
    'outbox.email': 'E-mail',
    'outbox.sms': 'SMS',
    'outbox.to': 'To: {to}',
    'outbox.unavailable': 'The outbox is shown only to the owner, while the relay runs its local mail catcher.',
  },
  ru: {
    'outbox.heading': 'Исходящие: письма и SMS, перехваченные на этом сервере',
    'outbox.hint': 'Сервер SMTP не задан (SMTP_URL), поэтому всё, что сервер отправил бы, хранится здесь: наружу ничего не ушло.',
    'outbox.refresh': 'Обновить',
    'outbox.empty': 'Пока ничего нет.',
    'outbox.list': 'Перехваченные письма и SMS, сначала новые',
    'outbox.email': 'E-mail',
    'outbox.sms': 'SMS',
    'outbox.to': 'Кому: {to}',
    'outbox.unavailable': 'Исходящие видит только владелец, пока сервер работает с локальным перехватчиком почты.',
  },
} as const;

addWords(words);
