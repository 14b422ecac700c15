/**
 * The people chunk's words (issue 13 §3), in both languages: the chunk is fetched only
 * when the panel is open, so it carries its own words instead of the first-message files.
 */
export const en = {
  writeTo: 'Write to',
  clinicTeam: 'Clinic administrators',
  newReply: '{name}, new reply',
  open: 'Book a visit in the chat',
  legend: 'Visit request',
  day: 'Preferred day',
  time: 'Preferred time',
  phone: 'Phone for confirmation',
  send: 'Send request',
  cancel: 'Cancel',
  request: 'Visit request: {when}',
  confirmed: 'The clinic confirmed your visit request',
  declined: 'The clinic cannot take this visit request — write to choose another time',
  BOOKING_DAY_INVALID: 'Choose a day from today to a year ahead.',
  BOOKING_TIME_INVALID: 'Enter a time, for example 10:30.',
  BOOKING_PHONE_INVALID: 'Check the phone number.',
  BOOKING_REQUESTS_OFF: 'The clinic takes no visit requests in the chat now.',
  failed: 'The request was not sent — try again.',
};

export type PeopleWords = typeof en;

export const ru: PeopleWords = {
  writeTo: 'Кому написать',
  clinicTeam: 'Администраторы клиники',
  newReply: '{name}, новый ответ',
  open: 'Записаться через чат',
  legend: 'Заявка на приём',
  day: 'Желаемый день',
  time: 'Желаемое время',
  phone: 'Телефон для подтверждения',
  send: 'Отправить заявку',
  cancel: 'Отмена',
  request: 'Заявка на приём: {when}',
  confirmed: 'Клиника подтвердила заявку на приём',
  declined: 'Клиника не может принять эту заявку — напишите, чтобы выбрать другое время',
  BOOKING_DAY_INVALID: 'Выберите день — от сегодня до года вперёд.',
  BOOKING_TIME_INVALID: 'Укажите время, например 10:30.',
  BOOKING_PHONE_INVALID: 'Проверьте номер телефона.',
  BOOKING_REQUESTS_OFF: 'Клиника сейчас не принимает заявки через чат.',
  failed: 'Заявка не отправлена — попробуйте ещё раз.',
};
