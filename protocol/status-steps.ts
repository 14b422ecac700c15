/**
 * The status steps a clinic that never chose its own gets (issue 13 §1, R13), as plain
 * data with no dependencies so the console can offer them without schema code. The type
 * is review-flow.ts's `StatusStep`.
 */
import type { StatusStep } from './review-flow.ts';

export const DEFAULT_STATUS_STEPS: readonly StatusStep[] = Object.freeze([
  { id: 'received', label: { ru: 'Мы получили ваш отзыв', en: 'We received your feedback' } },
  { id: 'checking', label: { ru: 'Уточняем у врача', en: 'Checking with the doctor' } },
  { id: 'proposed', label: { ru: 'Предложено решение', en: 'A solution is proposed' }, solution: true },
]);
