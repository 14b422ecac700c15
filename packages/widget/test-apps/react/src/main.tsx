import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'clinic-chat/widget';
import type { ClinicChatElement } from 'clinic-chat/widget';

const query = new URLSearchParams(location.search);

function App() {
  const chat = useRef<ClinicChatElement>(null);
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    const element = chat.current!;
    // Typed by HTMLElementEventMap: detail is { count: number }.
    const onUnread = (event: HTMLElementEventMap['clinic-chat:unread']) => setUnread(event.detail.count);
    element.addEventListener('clinic-chat:unread', onUnread);
    element.addEventListener('clinic-chat:message', (event) => {
      const { message } = event.detail;
      if (message.type === 'text') console.log(`clinic wrote ${message.text.length} characters`);
    });
    element.addEventListener('clinic-chat:error', (event) => {
      const code: 'SITE_KEY_UNKNOWN' | 'ORIGIN_NOT_ALLOWED' = event.detail.code;
      console.log(code);
    });
    return () => {
      element.removeEventListener('clinic-chat:unread', onUnread);
    };
  }, []);

  return (
    <main>
      <h1>Clinic</h1>
      <p>{unread} unread</p>
      <clinic-chat ref={chat} site-key={query.get('siteKey') ?? ''} relay={query.get('relay') ?? undefined} lang="en" position="left" />
    </main>
  );
}

/** Never rendered: what the typings must refuse. */
export function Refused() {
  const element = document.createElement('clinic-chat');
  // @ts-expect-error: detail of clinic-chat:unread has no `text`
  element.addEventListener('clinic-chat:unread', (event) => event.detail.text);
  return (
    <>
      {/* @ts-expect-error: position is 'right' | 'left' */}
      <clinic-chat site-key="demo" position="top" />
      {/* @ts-expect-error: lang is 'ru' | 'en' */}
      <clinic-chat site-key="demo" lang="de" />
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
