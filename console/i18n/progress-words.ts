/**
 * Words of a lazy chunk, in both languages, joined to the dictionary when the chunk loads,
 * for the complaint header (complaint-progress.ts, in the complaint-tools chunk).
 */
import { addWords } from './index.ts';

export const words = {
  en: {
    'progress.label': 'Complaint progress',
    'progress.review': 'Review ({rating}/5)',
    'progress.step': 'Step the patient sees',
    'progress.none': 'No step yet',
    'progress.solved': 'The patient says the problem is solved',
    'progress.notYet': 'The patient says: not yet',
    'progress.rating': 'Patient rating: {rating}/5',
    'progress.comment': 'Comment: {comment}',
  },
  ru: {
    'progress.label': 'Ход рассмотрения жалобы',
    'progress.review': 'Отзыв ({rating}/5)',
    'progress.step': 'Этап, который видит пациент',
    'progress.none': 'Этап не выбран',
    'progress.solved': 'Пациент отметил: проблема решена',
    'progress.notYet': 'Пациент ответил: пока нет',
    'progress.rating': 'Оценка пациента: {rating}/5',
    'progress.comment': 'Комментарий: {comment}',
  },
} as const;

addWords(words);
