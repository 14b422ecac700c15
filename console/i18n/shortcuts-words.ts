/**
 * Words of a lazy chunk, in both languages, joined to the dictionary when the chunk loads,
 * for the list of keyboard shortcuts (shortcuts-dialog.ts), fetched when `?` first opens it.
 */
import { addWords } from './index.ts';

export const words = {
  en: {
    'keys.title': 'Keyboard shortcuts',
    'keys.close': 'Close',
    'keys.move': 'Move between conversations in the list',
    'keys.open': 'Open the conversation',
    'keys.nextPrevious': 'Next / previous conversation',
    'keys.reply': 'Write a reply',
    'keys.note': 'Write a private note',
    'keys.help': 'Show this list',
    'keys.back': 'Back to the list',
  },
  ru: {
    'keys.title': 'Сочетания клавиш',
    'keys.close': 'Закрыть',
    'keys.move': 'Перемещение по списку разговоров',
    'keys.open': 'Открыть разговор',
    'keys.nextPrevious': 'Следующий / предыдущий разговор',
    'keys.reply': 'Написать ответ',
    'keys.note': 'Написать заметку для сотрудников',
    'keys.help': 'Показать этот список',
    'keys.back': 'Назад к списку',
  },
} as const;

addWords(words);
