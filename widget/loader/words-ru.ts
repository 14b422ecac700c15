// words-ru-[hash].js: the Russian words, handed to the chat chunk that added this script (words-script.ts).
import { messages } from '../i18n/ru.ts';
import { WORDS_EVENT } from './words-event.ts';

document.currentScript!.dispatchEvent(new CustomEvent(WORDS_EVENT, { detail: messages }));
