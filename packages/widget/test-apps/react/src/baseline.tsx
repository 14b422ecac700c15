import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// The same app without the chat: the build's difference is what the chat costs a React app.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main>
      <h1>Clinic</h1>
    </main>
  </StrictMode>,
);
