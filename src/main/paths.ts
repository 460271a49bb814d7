import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

/**
 * The package root: the nearest folder above this module with a package.json.
 * Works from the sources (vitest) and from the bundle in out/main alike.
 */
export function appRoot(): string {
  let dir = __dirname
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`)
    dir = parent
  }
  return dir
}

export const resourcesDir = (): string => join(appRoot(), 'resources')
export const rendererDir = (): string => join(appRoot(), 'out', 'renderer')

/** Outside Electron the data lives in ~/.podium unless --data or PODIUM_DATA says otherwise. */
export function defaultDataDir(): string {
  return resolve(process.env.PODIUM_DATA ?? join(homedir(), '.podium'))
}
