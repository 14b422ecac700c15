import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Two pages: the app with the chat, and the same app without it (what the chat adds).
// socket.io-parser: the chat's JSON-only parser instead of the default (README, optional).
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { 'socket.io-parser': 'clinic-chat/socket.io-parser' } },
  build: { rollupOptions: { input: { main: 'index.html', baseline: 'baseline.html' } } },
});
