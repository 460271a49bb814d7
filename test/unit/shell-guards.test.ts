import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isExternalLink, isOwnUrl, refuseIpcCaller, type OwnPage } from '../../src/main/shell-guards'

const built: OwnPage = { file: '/opt/podium/out/renderer/index.html', devUrl: null }
const dev: OwnPage = { file: '/opt/podium/out/renderer/index.html', devUrl: 'http://localhost:5173/' }
const ownFile = pathToFileURL(built.file).href

describe('the window stays on its own page', () => {
  it('accepts the built renderer file, with any hash or query', () => {
    expect(isOwnUrl(ownFile, built)).toBe(true)
    expect(isOwnUrl(`${ownFile}#/leaderboard?c=1`, built)).toBe(true)
  })

  it('refuses other files, other schemes, remote pages and nonsense', () => {
    for (const url of [
      'file:///etc/passwd',
      'file:///opt/podium/out/renderer/other.html',
      'https://example.org/',
      'http://127.0.0.1:5173/',
      'javascript:alert(1)',
      'data:text/html,<h1>x</h1>',
      'not a url'
    ]) {
      expect(isOwnUrl(url, built), url).toBe(false)
    }
  })

  it('in development, only the dev server origin', () => {
    expect(isOwnUrl('http://localhost:5173/#/submissions', dev)).toBe(true)
    expect(isOwnUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isOwnUrl('http://evil.localhost:5173/', dev)).toBe(false)
    expect(isOwnUrl(ownFile, dev)).toBe(false)
  })
})

describe('IPC calls only from our window', () => {
  const windows = new Set([3])
  it('answers the top frame of our window on our page', () => {
    expect(refuseIpcCaller({ webContentsId: 3, frameUrl: ownFile, isMainFrame: true }, windows, built)).toBeNull()
  })

  it('refuses another webContents, an iframe, a page navigated elsewhere, a gone frame', () => {
    expect(refuseIpcCaller({ webContentsId: 4, frameUrl: ownFile, isMainFrame: true }, windows, built)).toMatch(
      /not come from a Podium window/
    )
    expect(refuseIpcCaller({ webContentsId: 3, frameUrl: ownFile, isMainFrame: false }, windows, built)).toMatch(/frame inside/)
    expect(refuseIpcCaller({ webContentsId: 3, frameUrl: 'https://evil.example/', isMainFrame: true }, windows, built)).toMatch(
      /evil\.example.* is not Podium's/
    )
    expect(refuseIpcCaller({ webContentsId: 3, frameUrl: undefined, isMainFrame: true }, windows, built)).toMatch(/gone/)
  })
})

describe('links handed to the system browser', () => {
  it('only web and mail links', () => {
    expect(isExternalLink('https://github.com/facebookresearch/simmc')).toBe(true)
    expect(isExternalLink('mailto:organizers@example.org')).toBe(true)
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'nonsense']) {
      expect(isExternalLink(url), url).toBe(false)
    }
  })
})
