// words-en-[hash].js: the English words, handed to the chat chunk that added this script (words-script.ts).
import { messages } from '../i18n/en.ts';
import { WORDS_EVENT } from './words-event.ts';

document.currentScript!.dispatchEvent(new CustomEvent(WORDS_EVENT, { detail: messages }));
