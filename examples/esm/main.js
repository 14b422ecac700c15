// With any bundler (Vite, Rollup, webpack): registers <clinic-chat>.
import 'clinic-chat/widget';

const chat = document.querySelector('clinic-chat');

// The patient is signed in on the clinic's site: tell the chat who they are.
chat.identify({ name: 'Мария', phone: '+7 900 000-00-00' });

document.getElementById('ask').addEventListener('click', () => chat.open());

chat.addEventListener('clinic-chat:unread', (event) => {
  document.title = event.detail.count > 0 ? `(${event.detail.count}) Клиника` : 'Клиника';
});
chat.addEventListener('clinic-chat:message', (event) => {
  console.log('The clinic answered at', new Date(event.detail.message.at));
});
