// Type-checked, not bundled: the @lit/react wrapper's props and typed event props.
import { useState } from 'react';
import { ClinicChat } from 'clinic-chat/react';

export function WrappedChat() {
  const [unread, setUnread] = useState(0);
  return (
    <ClinicChat
      siteKey="demo"
      relay="https://chat.example.org"
      position="right"
      onUnread={(event) => setUnread(event.detail.count + unread)}
      onError={(event) => console.warn(event.detail.code)}
    />
  );
}
