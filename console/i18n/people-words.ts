/**
 * Words of the lazy people chunks (issue 13 §3), in both languages: a member's profile in
 * the owner's staff dialog (staff-profile.ts) and the booking request card in a
 * conversation (booking-card.ts).
 */
import { addWords } from './index.ts';

export const words = {
  en: {
    'profile.photoOf': 'Photo of {name}',
    'profile.upload': 'Upload a photo of {name}',
    'profile.remove': 'Remove the photo of {name}',
    'profile.removeShort': 'Remove photo',
    'profile.specialty': 'Specialty of {name}',
    'profile.save': 'Save the profile of {name}',
    'profile.saveShort': 'Save',
    'profile.acceptsChats': '{name} accepts chats from patients',
    'profile.displayName': 'Name patients see for {name}',
    'profile.namePlaceholder': 'Name patients see',
    'profile.specialtyPlaceholder': 'Specialty',
    'profile.mineHeading': 'My photo',
    'profile.mineHint': 'Patients see it beside your name when you answer.',
    'profile.mineAlt': 'Your photo',
    'profile.mineUpload': 'Upload your photo',
    'profile.mineRemove': 'Remove your photo',
    'profile.close': 'Close',
    'booking.request': 'Visit request',
    'booking.when': 'Preferred: {day}, {time}',
    'booking.phone': 'Phone',
    'booking.confirm': 'Confirm visit request',
    'booking.decline': 'Decline visit request',
    'booking.confirmed': '{by} confirmed the visit request',
    'booking.declined': '{by} declined the visit request',
    'booking.waiting': 'Waiting for an answer',
    'booking.done.confirmed': 'Confirmed',
    'booking.done.declined': 'Declined',
  },
  ru: {
    'profile.photoOf': 'Фото: {name}',
    'profile.upload': 'Загрузить фото: {name}',
    'profile.remove': 'Удалить фото: {name}',
    'profile.removeShort': 'Удалить фото',
    'profile.specialty': 'Специальность: {name}',
    'profile.save': 'Сохранить профиль: {name}',
    'profile.saveShort': 'Сохранить',
    'profile.acceptsChats': '{name} принимает чаты от пациентов',
    'profile.displayName': 'Имя для пациентов: {name}',
    'profile.namePlaceholder': 'Имя для пациентов',
    'profile.specialtyPlaceholder': 'Специальность',
    'profile.mineHeading': 'Моё фото',
    'profile.mineHint': 'Пациенты видят его рядом с вашим именем, когда вы отвечаете.',
    'profile.mineAlt': 'Ваше фото',
    'profile.mineUpload': 'Загрузить своё фото',
    'profile.mineRemove': 'Удалить своё фото',
    'profile.close': 'Закрыть',
    'booking.request': 'Заявка на приём',
    'booking.when': 'Желаемое время: {day}, {time}',
    'booking.phone': 'Телефон',
    'booking.confirm': 'Подтвердить заявку на приём',
    'booking.decline': 'Отклонить заявку на приём',
    'booking.confirmed': '{by} подтвердил(а) заявку на приём',
    'booking.declined': '{by} отклонил(а) заявку на приём',
    'booking.waiting': 'Ждёт ответа',
    'booking.done.confirmed': 'Подтверждена',
    'booking.done.declined': 'Отклонена',
  },
} as const;

addWords(words);
