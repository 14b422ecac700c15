/**
 * `clinic-chat/react`: `<ClinicChat>`, the element as a React component (React 18 and 19),
 * made by `@lit/react`: the element's properties are props (`siteKey`, `relay`, `language`,
 * `position`, `accent`, `opened`), its events are `onReady`, `onOpen`, `onClose`,
 * `onMessage`, `onUnread` and `onError`, and `ref` is the element (`ref.current.open()`).
 * Importing it registers `<clinic-chat>`. Needs `react` and `@lit/react` (optional peers).
 *
 * ```tsx
 * import { ClinicChat } from 'clinic-chat/react';
 * <ClinicChat siteKey="demo" relay="https://chat.example.org" onUnread={(e) => setUnread(e.detail.count)} />
 * ```
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { ClinicChatElement, type ClinicChatEventMap } from '../../../widget/element-entry.ts';

const on = <K extends keyof ClinicChatEventMap>(type: K) => type as EventName<ClinicChatEventMap[K]>;

export const ClinicChat = createComponent({
  react: React,
  tagName: 'clinic-chat',
  elementClass: ClinicChatElement,
  displayName: 'ClinicChat',
  events: {
    onReady: on('clinic-chat:ready'),
    onOpen: on('clinic-chat:open'),
    onClose: on('clinic-chat:close'),
    onMessage: on('clinic-chat:message'),
    onUnread: on('clinic-chat:unread'),
    onError: on('clinic-chat:error'),
  },
});
