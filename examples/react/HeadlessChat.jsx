// A chat UI of your own on the headless client: same delivery guarantees (outbox, retries,
// catch-up after reconnect), your markup. Text is rendered by React, so as text.
import { useEffect, useMemo, useReducer, useState } from 'react';
import { ClinicChatClient } from 'clinic-chat/client';

function useClient(siteKey, relay) {
  const client = useMemo(() => new ClinicChatClient({ siteKey, relay }), [siteKey, relay]);
  const [, rerender] = useReducer((n) => n + 1, 0);
  useEffect(() => {
    const off = client.on('change', rerender);
    client.connect();
    return () => {
      off();
      client.dispose();
    };
  }, [client]);
  return client;
}

export function HeadlessChat({ siteKey, relay }) {
  const client = useClient(siteKey, relay);
  const [draft, setDraft] = useState('');

  const submit = (event) => {
    event.preventDefault();
    if (!draft.trim()) return;
    client.send(draft);
    setDraft('');
  };

  return (
    <section aria-label={client.clinic?.name ?? 'Чат с клиникой'}>
      {client.state === 'offline' && <p role="status">Нет связи — сообщения отправятся, когда связь вернётся</p>}
      <ol>
        {client.timeline().map((line) => line.kind === 'stored'
          ? <li key={line.message.id}>{line.message.type === 'system' ? '—' : line.message.text} {line.state}</li>
          : <li key={line.entry.clientId}>{line.entry.text} {line.state}</li>)}
      </ol>
      <form onSubmit={submit}>
        <textarea aria-label="Сообщение" value={draft} onChange={(e) => { setDraft(e.target.value); client.setTyping(true); }} />
        <button type="submit">Отправить</button>
      </form>
    </section>
  );
}
