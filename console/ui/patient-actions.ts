/**
 * The patient panel's actions for those who write to patients, "Send a link to continue the
 * conversation" and "Sign the patient out on all devices", in a chunk of their own: the
 * panel fetches it when it first offers them, so opening a conversation does not wait for
 * them. Lit upgrades the elements, with the properties already set on them.
 */
import './send-link.ts';
import './end-sessions.ts';
