import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Imported and unused: the package's sideEffects lets the bundler drop it (the spec checks).
import 'clinic-chat/client';

// The same app without the chat: the build's difference is what the chat costs a React app.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main>
      <h1>Clinic</h1>
    </main>
  </StrictMode>,
);
