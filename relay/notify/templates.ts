/**
 * The texts of every notice, in the clinic's language (ru/en). R10: a notice says who
 * (the clinic), that something happened, and where to go — never message text, staff
 * names, a doctor's specialty or anything medical. The parameters below are all a
 * template can see, so nothing else can leak into one.
 */
import type { ThreadId } from '../../protocol/stream-ids.ts';
import { LINK_PATHS } from '../../protocol/links.ts';
import type { ChannelKind, OutboundMessage } from './channel.ts';

export type NoticeLocale = 'ru' | 'en';

/** Clinic names are set by owners; a notice shows at most this much of one. */
const CLINIC_NAME_MAX = 60;

interface Common {
  locale: NoticeLocale;
  clinicName: string;
  /** An absolute URL, built with `noticeLinks`. */
  link: string;
}

/** Absolute links into the relay, from its public origin (PUBLIC_URL). */
export function noticeLinks(publicUrl: string) {
  const origin = publicUrl.replace(/\/+$/, '');
  return {
    resume: (code: string) => `${origin}${LINK_PATHS.resume(code)}`,
    consoleThread: (threadId: ThreadId) => `${origin}${LINK_PATHS.consoleThread(threadId)}`,
  };
}

/** The clinic name as one short line: no control characters (headers, SMS), no runaway length. */
function clinic(name: string): string {
  const line = name.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > CLINIC_NAME_MAX ? `${line.slice(0, CLINIC_NAME_MAX - 1)}…` : line;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface MailText {
  subject: string;
  /** Paragraphs before the link. */
  lead: string[];
  /** The link's label in HTML. */
  action: string;
  /** Paragraphs after the link. */
  footer: string[];
}

/** One layout for every mail: the plain text and a simple HTML twin with the same words. */
function mail(text: MailText, link: string): OutboundMessage {
  const plain = [...text.lead, `${text.action}: ${link}`, ...text.footer].join('\n\n');
  const paragraphs = text.lead.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  const button = `<p><a href="${escapeHtml(link)}">${escapeHtml(text.action)}</a></p>`;
  const small = text.footer.map((p) => `<p style="color:#666;font-size:13px">${escapeHtml(p)}</p>`).join('');
  return {
    subject: text.subject,
    text: `${plain}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${paragraphs}${button}${small}</body></html>`,
  };
}

const sms = (text: string): OutboundMessage => ({ subject: '', text });

const WHY_PATIENT = {
  ru: 'Вы получили это письмо, потому что попросили сообщать об ответах. Ссылка одноразовая; если она устарела, откройте чат на сайте клиники. Отказаться от уведомлений можно в чате.',
  en: "You receive this because you asked to be told of replies. The link works once; if it has expired, open the chat on the clinic's website. You can turn these notices off in the chat.",
} as const;

/** To the patient: a staff reply is waiting. No text, no staff name, no specialty. */
export function patientNotice(p: Common, channel: ChannelKind): OutboundMessage {
  const name = clinic(p.clinicName);
  if (channel === 'sms') {
    return sms(p.locale === 'ru' ? `${name}: новый ответ в чате. ${p.link}` : `${name}: you have a new reply. ${p.link}`);
  }
  return mail(
    p.locale === 'ru'
      ? {
          subject: `${name}: новый ответ в чате`,
          lead: ['Здравствуйте!', `Для вас новый ответ в чате: ${name}.`],
          action: 'Продолжить разговор',
          footer: [WHY_PATIENT.ru],
        }
      : {
          subject: `${name}: you have a new reply`,
          lead: ['Hello,', `you have a new reply in your chat with ${name}.`],
          action: 'Continue the conversation',
          footer: [WHY_PATIENT.en],
        },
    p.link,
  );
}

/** To the patient, sent by staff: a fresh link to continue on any device. */
export function resumeInvite(p: Common, channel: ChannelKind): OutboundMessage {
  const name = clinic(p.clinicName);
  if (channel === 'sms') {
    return sms(p.locale === 'ru' ? `${name}: продолжите разговор в чате: ${p.link}` : `${name}: continue your chat here: ${p.link}`);
  }
  return mail(
    p.locale === 'ru'
      ? {
          subject: `${name}: продолжите разговор в чате`,
          lead: ['Здравствуйте!', `${name} приглашает вас продолжить разговор в чате — на любом устройстве.`],
          action: 'Открыть разговор',
          footer: ['Ссылка одноразовая; если она устарела, попросите клинику прислать новую.'],
        }
      : {
          subject: `${name}: continue your conversation`,
          lead: ['Hello,', `${name} invites you to continue your chat, on any device.`],
          action: 'Open the conversation',
          footer: ['The link works once; if it has expired, ask the clinic for a new one.'],
        },
    p.link,
  );
}

/**
 * To the author of a review the clinic wants to talk about (issue 13): discreet — the
 * clinic's name and a link, never the review, its rating or the clinic's message, since
 * someone else may read the patient's mail or SMS.
 */
export function reviewInvite(p: Common, channel: ChannelKind): OutboundMessage {
  const name = clinic(p.clinicName);
  if (channel === 'sms') {
    return sms(
      p.locale === 'ru' ? `${name} хочет поговорить с вами в личном чате: ${p.link}` : `${name} would like to talk with you in a private chat: ${p.link}`,
    );
  }
  return mail(
    p.locale === 'ru'
      ? {
          subject: `${name}: приглашение в личный чат`,
          lead: ['Здравствуйте!', `${name} благодарит вас за отзыв и хочет разобраться в ситуации вместе с вами в личном чате.`],
          action: 'Открыть чат',
          footer: ['Ссылка одноразовая; если она устарела, попросите клинику прислать новую. Если вы не оставляли отзыв, просто не отвечайте на это письмо.'],
        }
      : {
          subject: `${name}: an invitation to a private chat`,
          lead: ['Hello,', `${name} thanks you for your feedback and would like to sort things out with you in a private chat.`],
          action: 'Open the chat',
          footer: ['The link works once; if it has expired, ask the clinic for a new one. If you left no review, simply ignore this message.'],
        },
    p.link,
  );
}

interface StaffParams extends Common {
  /** Whole minutes the patient's message has waited. */
  waitingMinutes: number;
}

/** To staff by e-mail: a patient message is unanswered. A link to the console, nothing of the patient. */
export function staffAlert(p: StaffParams): OutboundMessage {
  const name = clinic(p.clinicName);
  return mail(
    p.locale === 'ru'
      ? {
          subject: `${name}: пациент ждёт ответа`,
          lead: [`${name}: сообщение пациента ждёт ответа ${p.waitingMinutes} мин., и в консоли никто не отвечает.`],
          action: 'Открыть разговор в консоли',
          footer: ['Уведомления включаются и выключаются у владельца клиники в разделе «Сотрудники».'],
        }
      : {
          subject: `${name}: a patient is waiting for a reply`,
          lead: [`${name}: a patient's message has waited ${p.waitingMinutes} min for a reply and nobody is answering in the console.`],
          action: 'Open the conversation in the console',
          footer: ['The clinic owner turns these alerts on and off under Staff.'],
        },
    p.link,
  );
}

/** To the escalation contacts by SMS: still unanswered. Short, with the console link. */
export function escalationSms(p: StaffParams): OutboundMessage {
  const name = clinic(p.clinicName);
  return sms(
    p.locale === 'ru'
      ? `${name}: пациент ждёт ответа ${p.waitingMinutes} мин. ${p.link}`
      : `${name}: a patient has waited ${p.waitingMinutes} min for a reply. ${p.link}`,
  );
}
