import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In `npm run dev` the API runs as its own process; Vite forwards /api to it.
const apiPort = process.env.API_PORT ?? '8080';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    proxy: {
      '/api': `http://127.0.0.1:${apiPort}`,
      // The older File API, beside the API: the workspace details probe it.
      '/engine': `http://127.0.0.1:${apiPort}`,
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Fewer, larger chunks: left alone, the bundler splits every module two screens share
        // into a chunk of its own, and the gallery then waited on 29 requests, most of them an
        // icon or a button of a few hundred bytes, through the browser's six connections.
        codeSplitting: {
          groups: [
            // Everything the first page runs, in the entry chunk.
            { name: 'app', tags: ['$initial'], priority: 3 },
            // The icons the screens use beyond it: 4 KB gzipped together.
            { name: 'icons', test: /node_modules[\\/]lucide-react/, priority: 2 },
          ],
        },
      },
    },
  },
});
