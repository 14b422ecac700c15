/**
 * Ready answers for the complaint playbook (issue 13 §2, seed 000), which the demo clinic
 * starts with: thank and empathise, ask what happened without personal data, say the
 * clinic is checking with the doctor (never a black box), propose a solution, and ask
 * the patient to press "My problem is solved" once it is.
 */
import type { SaveAnswer } from '../../protocol/requests.ts';

export const COMPLAINT_PLAYBOOK: readonly SaveAnswer[] = [
  {
    shortcut: 'жалоба-спасибо',
    title: 'Жалоба: благодарность и сочувствие',
    text: 'Здравствуйте! Спасибо, что написали нам об этом — нам очень жаль, что визит оставил такое впечатление. Мы хотим разобраться и помочь.',
  },
  {
    shortcut: 'жалоба-подробности',
    title: 'Жалоба: что произошло',
    text: 'Расскажите, пожалуйста, что произошло на приёме и чего вы ожидали от визита? Так мы поймём, как помочь именно вам.',
  },
  {
    shortcut: 'жалоба-проверяем',
    title: 'Жалоба: уточняем у врача',
    text: 'Мы уточняем подробности у врача и разбираем ситуацию целиком. Напишем вам, как только будет ясность, — обычно в течение рабочего дня.',
  },
  {
    shortcut: 'жалоба-решение',
    title: 'Жалоба: предложение решения',
    text: 'Мы предлагаем бесплатную консультацию у ведущего специалиста клиники и повторную диагностику в удобное для вас время. Подойдёт ли вам такое решение?',
  },
  {
    shortcut: 'жалоба-решено',
    title: 'Жалоба: кнопка «Моя проблема решена»',
    text: 'Рады, что удалось помочь! Если проблема решена, нажмите, пожалуйста, кнопку «Моя проблема решена» в этом чате — так мы узнаем, что всё в порядке.',
  },
];
