// Runs a Node entry (the built CLI, `podium score`'s own entry, bin/podium.js) as a new process and
// returns its exit code and output, whether it succeeded or not.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const exec = promisify(execFile)

export interface NodeRun {
  code: number
  stdout: string
  stderr: string
}

export async function runNode(entry: string, args: readonly string[]): Promise<NodeRun> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [entry, ...args])
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as NodeRun
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
