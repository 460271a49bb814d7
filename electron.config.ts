import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// One build for all three processes. The main bundle has four entries: the Electron
// shell, the headless CLI (also used by `serve`), `podium score` alone (no database, server
// or UI code, for fast one-off scoring) and the scoring worker thread.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli.ts'),
          score: resolve(__dirname, 'src/main/score-cli.ts'),
          worker: resolve(__dirname, 'src/main/scoring/worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/preload/index.ts') } }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // Minified for the browser and the window alike; each page is a lazily loaded chunk (App.tsx).
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    },
    plugins: [react()]
  }
})
