// messages-[hash].js: the conversation's list, handed to the chat chunk that added this script (messages-script.ts).
import { renderTimeline } from '../element/message-list.ts';
import { MESSAGES_EVENT } from './words-event.ts';

document.currentScript!.dispatchEvent(new CustomEvent(MESSAGES_EVENT, { detail: renderTimeline }));
