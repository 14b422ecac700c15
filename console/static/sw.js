// The console's service worker (issue 12 §1, §4): shows staff a Web Push from the relay.
// A push carries only a thread id and the thread's pseudonym (protocol/push.ts), never what
// the patient wrote; a click opens that conversation (the path of protocol/links.ts
// consoleThread: a plain file here, so it cannot import it).
const BODY = { ru: 'Новое сообщение', en: 'New message' };

self.addEventListener('push', (event) => {
  const push = event.data ? event.data.json() : null;
  if (!push || typeof push.threadId !== 'string' || typeof push.title !== 'string') return;
  const lang = (self.navigator.language || 'en').toLowerCase().startsWith('ru') ? 'ru' : 'en';
  event.waitUntil(
    self.registration.showNotification(push.title, {
      body: BODY[lang],
      tag: push.threadId,
      icon: '/console/icons/icon-192.png',
      data: { url: `/console/#/thread/${encodeURIComponent(push.threadId)}` },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data && event.notification.data.url ? event.notification.data.url : '/console/';
  event.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((windows) => {
      const open = windows.find((client) => new URL(client.url).pathname.startsWith('/console/'));
      return open ? open.navigate(url).then((client) => (client || open).focus()) : self.clients.openWindow(url);
    }),
  );
});
