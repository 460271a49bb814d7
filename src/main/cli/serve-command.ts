import { resolve } from 'node:path'
import { defaultDataDir, rendererDir } from '../paths'
import { startRuntime } from '../runtime'
import { startHttpServer } from '../server/http-server'
import { ensureDemoChallenge } from '../demo/seed'
import { portOption } from './args'
import { defineCommand, flag, text } from './define-command'

export const serveCommand = defineCommand({
  name: 'serve',
  usage: '[--port N] [--data DIR] [--no-demo]',
  summary: 'serve the console to a browser on 127.0.0.1 (token in the printed URL)',
  // --reason: a line printed first (why the browser console, from `npm start`).
  options: { port: text, data: text, 'no-demo': flag, reason: text },
  async run({ values, fail }) {
    const port = portOption('serve', values.port)
    const dataDir = resolve(values.data ?? defaultDataDir())
    const runtime = startRuntime({ dataDir, transport: 'http', resume: true })
    if (!values['no-demo']) await ensureDemoChallenge(runtime)
    const server = await startHttpServer({ handlers: runtime.handlers, events: runtime.events, staticDir: rendererDir(), port }).catch(
      async (error: NodeJS.ErrnoException) => {
        await runtime.close()
        if (error.code === 'EADDRINUSE') fail(`port ${port} on 127.0.0.1 is already in use; pick another with --port`)
        throw error
      }
    )
    if (values.reason) process.stdout.write(`${values.reason}\n`)
    process.stdout.write(`Podium is serving ${dataDir}\nOpen: ${server.openUrl}\n`)
    await new Promise<void>((done) => {
      const stop = (): void => {
        void server
          .close()
          .then(() => runtime.close())
          .then(done)
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    return 0
  }
})
