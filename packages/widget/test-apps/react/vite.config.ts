import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Two pages: the app with the chat, and the same app without it (what the chat adds).
export default defineConfig({
  plugins: [react()],
  build: { rollupOptions: { input: { main: 'index.html', baseline: 'baseline.html' } } },
});
