// Every command's own help, and bad command lines refused in one line (exit 2), over the built CLI.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../src/main/cli/commands'
import { CLI, ROOT } from '../helpers/serve'

function podium(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

function expectRefusal(result: ReturnType<typeof podium>, expected: RegExp): void {
  expect(result.code, result.stderr).toBe(2)
  expect(result.stdout).toBe('')
  const lines = result.stderr.trimEnd().split('\n')
  expect(lines, result.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(expected)
}

describe('podium <command> --help and podium help <command>', () => {
  it("prints that command's usage (exit 0) for every command, both ways", () => {
    expect(COMMANDS.length).toBeGreaterThan(10)
    for (const command of COMMANDS) {
      const help = command.help()
      expect(help).toMatch(new RegExp(`^Usage: podium ${command.name} `))
      expect(help).toContain(command.summary)
    }
    // Over the real binary: a few commands, including ones that need a data dir or an action word.
    for (const name of ['score', 'challenge', 'wild-limits', 'db']) {
      const own = COMMANDS.find((c) => c.name === name)!.help()
      for (const args of [
        [name, '--help'],
        [name, '-h'],
        ['help', name],
        [name, 'create', '--help']
      ]) {
        const run = podium(...args)
        expect(run.code, args.join(' ')).toBe(0)
        expect(run.stdout).toBe(own)
        expect(run.stderr).toBe('')
      }
    }
    const global = podium('help')
    expect(global.code).toBe(0)
    for (const command of COMMANDS) expect(global.stdout).toContain(`podium ${command.name} `)
    expectRefusal(podium('help', 'frobnicate'), /^podium: help: unknown command "frobnicate"/)
  })
})

describe('bad command lines: one line, exit 2', () => {
  it('an option missing its value', () => {
    expectRefusal(podium('score', '--gold', '--pred', 'P'), /^podium: score: --gold needs a value$/)
    expectRefusal(podium('score', '--task', 'simmc-st1', '--pred'), /^podium: score: --pred needs a value$/)
  })

  it('a stray positional, a missing or unknown action word', () => {
    expectRefusal(podium('score', '--task', 'simmc-st1', 'extra.json'), /^podium: score: unexpected argument "extra\.json"$/)
    expectRefusal(podium('db', 'info', 'more'), /^podium: db: unexpected argument "more"$/)
    expectRefusal(podium('challenge', 'delete'), /^podium: challenge: expected `challenge create` or `challenge update`, got "delete"$/)
    expectRefusal(podium('team'), /^podium: team: expected `team add`, `team update` or `team choose-file`$/)
  })

  it('a repeated option (unless it may repeat) and an unknown one', () => {
    expectRefusal(podium('score', '--task', 'simmc-st1', '--task', 'simmc-st3'), /^podium: score: --task is given twice$/)
    expectRefusal(podium('winners', '--json', '--json'), /^podium: winners: --json is given twice$/)
    expectRefusal(podium('score', '--bogus'), /^podium: score: Unknown option '--bogus'/)
  })
})
