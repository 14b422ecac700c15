/**
 * Words of a lazy chunk, in both languages, joined to the dictionary when the chunk loads,
 * for the owner's export and erasure (patient-data.ts, in the owner-tools chunk).
 */
import { addWords } from './index.ts';

export const words = {
  en: {
    'patientData.exportJson': 'Download data (JSON)',
    'patientData.exportHtml': 'Download transcript',
    'patientData.erase': 'Erase patient data…',
    'patientData.eraseHeading': 'Erase this patient’s data?',
    'patientData.eraseWarning':
      'Every conversation, message and contact of this patient is deleted for good. The access log keeps only that an erasure happened.',
    'patientData.eraseConfirm': 'Erase for good',
    'patientData.cancel': 'Cancel',
  },
  ru: {
    'patientData.exportJson': 'Скачать данные (JSON)',
    'patientData.exportHtml': 'Скачать переписку',
    'patientData.erase': 'Удалить данные пациента…',
    'patientData.eraseHeading': 'Удалить данные этого пациента?',
    'patientData.eraseWarning':
      'Все переписки, сообщения и контакты пациента будут удалены безвозвратно. В журнале доступа останется только сам факт удаления.',
    'patientData.eraseConfirm': 'Удалить безвозвратно',
    'patientData.cancel': 'Отмена',
  },
} as const;

addWords(words);
