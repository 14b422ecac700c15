/** The words of `<clinic-chat-forget>` (forget-device.ts), kept in the contact chunk with it. */
export const FORGET_WORDS = {
  en: {
    forget: 'Forget this device',
    done: 'This device no longer keeps your conversation.',
    failed: 'Could not forget this device. Check the connection and try again.',
  },
  ru: {
    forget: 'Забыть это устройство',
    done: 'Это устройство больше не хранит вашу переписку.',
    failed: 'Не удалось забыть устройство. Проверьте подключение и попробуйте ещё раз.',
  },
} as const;
