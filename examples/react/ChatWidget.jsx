// <clinic-chat> in a React component (React 18 or 19). Listeners go through a ref: event
// names with a colon cannot be JSX props.
import { useEffect, useRef } from 'react';
import 'clinic-chat/widget';

/** `chatRef` (optional) gives the app the element, for `chatRef.current.open()`. */
export function ChatWidget({ siteKey, relay, patient, onUnread, chatRef }) {
  const own = useRef(null);
  const ref = chatRef ?? own;

  useEffect(() => {
    const element = ref.current;
    if (patient) element.identify({ name: patient.name, email: patient.email });
    const listener = (event) => onUnread?.(event.detail.count);
    element.addEventListener('clinic-chat:unread', listener);
    return () => element.removeEventListener('clinic-chat:unread', listener);
  }, [ref, patient, onUnread]);

  return <clinic-chat ref={ref} site-key={siteKey} relay={relay} lang="ru" />;
}

/** A button elsewhere in the app that opens the chat given to <ChatWidget chatRef={…}>. */
export function AskButton({ chatRef }) {
  return <button type="button" onClick={() => chatRef.current?.open()}>Написать в клинику</button>;
}
