/**
 * Words of a lazy chunk, in both languages, joined to the dictionary when the chunk loads,
 * for two-factor setup (two-factor-setup.ts), fetched on opening it.
 */
import { addWords } from './index.ts';

export const words = {
  en: {
    'twoFactor.heading': 'Two-factor sign-in',
    'twoFactor.scan': 'Add this key to an authenticator app (or open the link on your phone), then enter the code it shows.',
    'twoFactor.key': 'Key',
    'twoFactor.link': 'Open in the authenticator app',
    'twoFactor.code': 'Code from the app',
    'twoFactor.enable': 'Turn on',
    'twoFactor.recoveryHeading': 'Recovery codes: save them now',
    'twoFactor.recoveryNote': 'Each code signs you in once without the app. They are not shown again.',
    'twoFactor.done': 'Done',
  },
  ru: {
    'twoFactor.heading': 'Двухфакторный вход',
    'twoFactor.scan': 'Добавьте этот ключ в приложение-аутентификатор (или откройте ссылку на телефоне) и введите показанный код.',
    'twoFactor.key': 'Ключ',
    'twoFactor.link': 'Открыть в приложении-аутентификаторе',
    'twoFactor.code': 'Код из приложения',
    'twoFactor.enable': 'Включить',
    'twoFactor.recoveryHeading': 'Коды восстановления: сохраните их сейчас',
    'twoFactor.recoveryNote': 'Каждый код позволяет войти один раз без приложения. Повторно они не показываются.',
    'twoFactor.done': 'Готово',
  },
} as const;

addWords(words);
