/**
 * Words of a lazy chunk, in both languages, joined to the dictionary when the chunk loads,
 * for the patient panel's "Send a link" and "Sign the patient out" (patient-actions.ts).
 */
import { addWords } from './index.ts';

export const words = {
  en: {
    'patient.endSessions': 'Sign the patient out on all devices',
    'patient.sessionsEnded': 'The patient is signed out everywhere; the conversation stays.',
    'patient.sendLink': 'Send a link to continue the conversation',
    'patient.linkSent.email': 'A link was sent to the patient by e-mail.',
    'patient.linkSent.sms': 'A link was sent to the patient by SMS.',
    'patient.noContact': 'The patient left no e-mail or phone for notices, so no link can be sent.',
  },
  ru: {
    'patient.endSessions': 'Выйти на всех устройствах пациента',
    'patient.sessionsEnded': 'Пациент вышел на всех устройствах; переписка сохранена.',
    'patient.sendLink': 'Отправить ссылку для продолжения переписки',
    'patient.linkSent.email': 'Ссылка отправлена пациенту по e-mail.',
    'patient.linkSent.sms': 'Ссылка отправлена пациенту по SMS.',
    'patient.noContact': 'Пациент не оставил e-mail или телефон для уведомлений, поэтому ссылку отправить нельзя.',
  },
} as const;

addWords(words);
