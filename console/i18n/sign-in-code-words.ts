/**
 * Words of a lazy chunk, in both languages, joined to the dictionary when the chunk loads,
 * for the sign-in form's second step, fetched when the relay answers TWO_FACTOR_REQUIRED.
 */
import { addWords } from './index.ts';

export const words = {
  en: {
    'signIn.code': 'Code from your authenticator app, or a recovery code',
    'signIn.verify': 'Verify',
    'signIn.startOver': 'Start over',
    'signIn.codeFailed': 'The code is not valid, or was already used.',
  },
  ru: {
    'signIn.code': 'Код из приложения-аутентификатора или код восстановления',
    'signIn.verify': 'Подтвердить',
    'signIn.startOver': 'Начать заново',
    'signIn.codeFailed': 'Код неверный или уже использован.',
  },
} as const;

addWords(words);
