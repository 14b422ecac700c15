// cookie-[hash].js: cookie mode's token source, handed to the chat chunk that added this script (cookie-script.ts).
import { cookieCredential } from '../client/cookie-credential.ts';
import { COOKIE_EVENT } from './words-event.ts';

document.currentScript!.dispatchEvent(new CustomEvent(COOKIE_EVENT, { detail: cookieCredential }));
