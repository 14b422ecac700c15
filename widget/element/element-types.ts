/**
 * The element's attribute values and events as types, for the package's typings: JSX (React, Preact),
 * Vue templates and the element's own properties use these, so a misspelt corner or
 * language is a type error. The attribute list mirrors `static properties` of
 * clinic-chat-element.ts; packages/widget's manifest test fails when the two drift.
 */
import type { ErrorCode } from '../../protocol/errors.ts';
import type { Message } from '../../protocol/model.ts';
import type { Language } from '../i18n/pick-language.ts';

export type { Language as ClinicChatLanguage };

/** The bottom corner the launcher sits in. */
export type ClinicChatPosition = 'right' | 'left';

/** The relay's refusals that mean the chat cannot work on this site at all (issue 11). */
export type ClinicChatSiteError = Extract<ErrorCode, 'SITE_KEY_UNKNOWN' | 'ORIGIN_NOT_ALLOWED'>;

/** `<clinic-chat>`'s events (the class's `@fires` tags say when each fires). */
export type ClinicChatEventMap = {
  'clinic-chat:ready': CustomEvent<Record<string, never>>;
  'clinic-chat:open': CustomEvent<Record<string, never>>;
  'clinic-chat:close': CustomEvent<Record<string, never>>;
  'clinic-chat:message': CustomEvent<{ message: Message }>;
  'clinic-chat:unread': CustomEvent<{ count: number }>;
  'clinic-chat:error': CustomEvent<{ code: ClinicChatSiteError }>;
};

declare global {
  // Typed listeners for the element's events, on it and on the document they bubble to.
  interface HTMLElementEventMap extends ClinicChatEventMap {}
  interface DocumentEventMap extends ClinicChatEventMap {}
}

/** `<clinic-chat>`'s attributes, as written in HTML or JSX. */
export interface ClinicChatAttributes {
  /** The clinic's public site key (required). */
  'site-key'?: string;
  /** The relay's origin, e.g. https://chat.example.org; default: the page's origin. */
  'relay'?: string;
  /** The widget's language; default: the page's `<html lang>`, then the browser's. */
  'lang'?: Language;
  /** The launcher's bottom corner; default `right`. */
  'position'?: ClinicChatPosition;
  /** The accent colour, any CSS colour (`--clinic-chat-accent` overrides it). */
  'accent'?: string;
  /** Whether the panel is shown. */
  'open'?: boolean;
  /** `page`: the chat fills the viewport, always open, without a launcher. */
  'mode'?: 'page';
  /** A visitor token handed over by the relay's resume page. */
  'resume-token'?: string;
  /** `cookie`: the visitor token in the relay's partitioned HttpOnly cookie (relay on https); default: localStorage. */
  'credential'?: 'cookie';
}
