/**
 * Words of a lazy chunk, in both languages, joined to the dictionary when the chunk loads,
 * for the ready answers dialog (answers-manager.ts), fetched by those who may edit answers.
 */
import { addWords } from './index.ts';

export const words = {
  en: {
    'answers.manage': 'Ready answers',
    'answers.close': 'Close',
    'answers.empty': 'No ready answers yet.',
    'answers.edit': 'Edit',
    'answers.editOne': 'Edit /{shortcut}',
    'answers.delete': 'Delete',
    'answers.deleteOne': 'Delete /{shortcut}',
    'answers.new': 'New answer',
    'answers.editing': 'Editing /{shortcut}',
    'answers.shortcut': 'Shortcut',
    'answers.title': 'Title',
    'answers.text': 'Text',
    'answers.save': 'Save answer',
    'answers.cancel': 'Cancel',
  },
  ru: {
    'answers.manage': 'Готовые ответы',
    'answers.close': 'Закрыть',
    'answers.empty': 'Готовых ответов пока нет.',
    'answers.edit': 'Изменить',
    'answers.editOne': 'Изменить /{shortcut}',
    'answers.delete': 'Удалить',
    'answers.deleteOne': 'Удалить /{shortcut}',
    'answers.new': 'Новый ответ',
    'answers.editing': 'Изменение /{shortcut}',
    'answers.shortcut': 'Сокращение',
    'answers.title': 'Название',
    'answers.text': 'Текст',
    'answers.save': 'Сохранить ответ',
    'answers.cancel': 'Отмена',
  },
} as const;

addWords(words);
