import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ThreadId } from '../../protocol/stream-ids.ts';
import type { OutboundMessage } from './channel.ts';
import { escalationSms, noticeLinks, patientNotice, resumeInvite, staffAlert, type NoticeLocale } from './templates.ts';

// What the relay knows when it sends a notice: none of it may appear in one (R10).
const conversation = {
  patientName: 'Мария Иванова',
  patientEmail: 'maria.ivanova@example.org',
  patientPhone: '+79123456789',
  messageText: 'У меня болит зуб после удаления нерва',
  staffName: 'Анна Петрова',
  specialty: 'Стоматолог-хирург',
  threadId: 'Qx7Kd2mZp9Lw4Rt8Yv1BcA' as ThreadId,
};
const links = noticeLinks('https://chat.example-clinic.ru/');
const secrets = [
  conversation.patientName,
  conversation.patientEmail,
  conversation.patientPhone,
  conversation.messageText,
  conversation.staffName,
  conversation.specialty,
  'Мария',
  'Анна',
  'зуб',
  'Стоматолог',
];

function everyNotice(locale: NoticeLocale): [string, OutboundMessage, string][] {
  const clinicName = 'Клиника «Здоровье» & Co';
  const resume = links.resume('abcdefghijklmnopqrstuv');
  const console = links.consoleThread(conversation.threadId);
  return [
    ['patient e-mail', patientNotice({ locale, clinicName, link: resume }, 'email'), resume],
    ['patient SMS', patientNotice({ locale, clinicName, link: resume }, 'sms'), resume],
    ['invite e-mail', resumeInvite({ locale, clinicName, link: resume }, 'email'), resume],
    ['invite SMS', resumeInvite({ locale, clinicName, link: resume }, 'sms'), resume],
    ['staff alert', staffAlert({ locale, clinicName, link: console, waitingMinutes: 5 }), console],
    ['escalation SMS', escalationSms({ locale, clinicName, link: console, waitingMinutes: 30 }), console],
  ];
}

test('no notice contains message text, patient or staff names, contacts or a specialty', () => {
  for (const locale of ['ru', 'en'] as const) {
    for (const [what, notice] of everyNotice(locale)) {
      const all = `${notice.subject}\n${notice.text}\n${notice.html ?? ''}`;
      for (const secret of secrets) assert.ok(!all.includes(secret), `${locale} ${what} contains "${secret}"`);
    }
  }
});

test('every notice names the clinic and carries its link, in the plain text and the HTML', () => {
  for (const locale of ['ru', 'en'] as const) {
    for (const [what, notice, link] of everyNotice(locale)) {
      assert.ok(notice.text.includes(link), `${locale} ${what}: link in text`);
      assert.ok(notice.text.includes('Клиника «Здоровье» & Co'), `${locale} ${what}: clinic in text`);
      if (notice.html !== undefined) {
        assert.ok(notice.html.includes(`href="${link}"`), `${locale} ${what}: link in HTML`);
        assert.ok(notice.html.includes('Клиника «Здоровье» &amp; Co'), `${locale} ${what}: clinic escaped in HTML`);
        assert.ok(notice.subject.includes('Клиника «Здоровье» & Co'), `${locale} ${what}: clinic in subject`);
      }
    }
  }
});

test('links point at the resume page and straight at the conversation in the console', () => {
  assert.equal(links.resume('abcdefghijklmnopqrstuv'), 'https://chat.example-clinic.ru/c/abcdefghijklmnopqrstuv');
  assert.equal(links.consoleThread(conversation.threadId), `https://chat.example-clinic.ru/console/#/thread/${conversation.threadId}`);
});

test("notices speak the clinic's language", () => {
  const ru = patientNotice({ locale: 'ru', clinicName: 'Здоровье', link: 'https://x.example/c/a' }, 'email');
  const en = patientNotice({ locale: 'en', clinicName: 'Health', link: 'https://x.example/c/a' }, 'email');
  assert.match(ru.subject, /новый ответ/);
  assert.match(en.subject, /you have a new reply/);
});

test('an owner-set clinic name cannot inject HTML, headers or a novel into a notice', () => {
  const notice = patientNotice(
    { locale: 'en', clinicName: '<script>x</script>\r\nBcc: all@example.org' + 'x'.repeat(200), link: 'https://x.example/c/a' },
    'email',
  );
  assert.ok(!notice.html!.includes('<script>'));
  assert.ok(!/[\r\n]/.test(notice.subject));
  assert.ok(notice.subject.length < 100);
});

test('an SMS fits in two segments even in Cyrillic (67 UCS-2 characters each)', () => {
  const link = noticeLinks('https://chat.example-clinic.ru').resume('abcdefghijklmnopqrstuv');
  const clinicName = 'Медицинский центр «Здоровье»';
  for (const text of [
    patientNotice({ locale: 'ru', clinicName, link }, 'sms').text,
    resumeInvite({ locale: 'ru', clinicName, link }, 'sms').text,
    escalationSms({ locale: 'ru', clinicName, link: links.consoleThread(conversation.threadId), waitingMinutes: 30 }).text,
  ])
    assert.ok(text.length <= 134, `${text.length}: ${text}`);
});

test('the clinic name is used as the clinic wrote it, never wrapped in a second pair of quotes', () => {
  for (const locale of ['ru', 'en'] as const) {
    for (const [what, message] of everyNotice(locale)) {
      assert.ok(!message.text.includes('»»') && !message.text.includes('«Клиника'), `${locale} ${what}: ${message.text}`);
    }
  }
});
