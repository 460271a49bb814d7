// Licence detection: which root file is the licence, and what kind of text it holds.
//
// Classification looks for phrases every copy of a licence keeps (its grant sentence or title), not for
// exact text: teams edit the year and holder, re-wrap lines, or use Markdown. Anything unrecognised is
// 'unknown', which is not permissive: an organizer must read it.

import type { LicenseKind } from '../../shared/intake'

/** Root files that count as the licence, in order of preference (compared case-insensitively). */
export const LICENSE_FILE_NAMES = [
  'LICENSE',
  'LICENSE.md',
  'LICENSE.txt',
  'LICENCE',
  'LICENCE.md',
  'LICENCE.txt',
  'COPYING',
  'COPYING.md',
  'COPYING.txt'
]

/** Picks the licence file among root-level names, or null. */
export function findLicenseFile(rootNames: readonly string[]): string | null {
  for (const wanted of LICENSE_FILE_NAMES) {
    const hit = rootNames.find((n) => n.toLowerCase() === wanted.toLowerCase())
    if (hit) return hit
  }
  return null
}

/**
 * MPL-2.0 is file-level (weak) copyleft; it is counted as permissive here because the challenge only asks
 * that the code can be published and reused, which MPL allows. GPL-family licences are not permissive.
 */
const PERMISSIVE: ReadonlySet<LicenseKind> = new Set<LicenseKind>([
  'MIT',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'ISC',
  'MPL-2.0',
  'Unlicense',
  'CC0-1.0',
  'BSL-1.0',
  'Zlib'
])

export function isPermissive(kind: LicenseKind): boolean {
  // CC BY asks only for attribution, like MIT; SA, NC and ND each restrict reuse.
  return PERMISSIVE.has(kind) || /^CC-BY-\d/.test(kind)
}

/** Why a recognized licence is not permissive, in a few words (null for permissive or unknown ones). */
export function restriction(kind: LicenseKind): string | null {
  if (isPermissive(kind) || kind === 'unknown') return null
  if (kind === 'GPL' || kind === 'AGPL' || kind === 'LGPL') return 'copyleft: derived work must use the same licence'
  if (kind === 'proprietary') return 'all rights reserved'
  if (kind === 'non-commercial') return 'commercial use forbidden'
  const terms: string[] = []
  if (kind.includes('-NC')) terms.push('commercial use forbidden')
  if (kind.includes('-ND')) terms.push('no derivatives allowed')
  if (kind.includes('-SA')) terms.push('derived work must use the same licence')
  return terms.join(', ')
}

const CC_VERSIONS = new Set(['1.0', '2.0', '2.5', '3.0', '4.0'])

/** `nc`, `sa`, `nd` (any order or spelling) and a version → `CC-BY-NC-SA-4.0`; null for versions CC never had. */
function ccKind(terms: string, version: string): LicenseKind | null {
  if (!CC_VERSIONS.has(version)) return null
  const nc = /nc|noncommercial/.test(terms) ? '-NC' : ''
  const rest = /nd|noderiv/.test(terms) ? '-ND' : /sa|sharealike/.test(terms) ? '-SA' : ''
  return `CC-BY${nc}${rest}-${version}` as LicenseKind
}

/** Creative Commons by licence URL, short name (`CC BY-NC-SA 4.0`, SPDX) or legal-code title. */
function classifyCreativeCommons(t: string): LicenseKind | null {
  const url = /creativecommons\.org\/licenses\/(by(?:-[a-z]+)*)\/(\d\.\d)/.exec(t)
  if (url) return ccKind(url[1]!.slice(2), url[2]!)
  const short = /\bcc[- ]by((?:-(?:nc|sa|nd))*)[- ](\d\.\d)\b/.exec(t)
  if (short) return ccKind(short[1]!, short[2]!)
  const title = /\battribution((?:-(?:noncommercial|sharealike|noderivatives|noderivs))*) (\d\.\d)/.exec(t)
  if (title && t.includes('creative commons')) return ccKind(title[1]!, title[2]!)
  return null
}

const SPDX: Record<string, LicenseKind> = {
  mit: 'MIT',
  'apache-2.0': 'Apache-2.0',
  'bsd-2-clause': 'BSD-2-Clause',
  'bsd-3-clause': 'BSD-3-Clause',
  isc: 'ISC',
  'mpl-2.0': 'MPL-2.0',
  unlicense: 'Unlicense',
  'cc0-1.0': 'CC0-1.0',
  'bsl-1.0': 'BSL-1.0',
  zlib: 'Zlib'
}

export function classifyLicense(text: string): LicenseKind {
  const t = text.toLowerCase().replace(/[\s#>*_`]+/g, ' ')
  const spdx = /spdx-license-identifier: ?([a-z0-9.+-]+)/.exec(t)?.[1]
  if (spdx) {
    if (SPDX[spdx]) return SPDX[spdx]
    if (spdx.startsWith('agpl')) return 'AGPL'
    if (spdx.startsWith('lgpl')) return 'LGPL'
    if (spdx.startsWith('gpl')) return 'GPL'
    const cc = classifyCreativeCommons(spdx.replace(/^cc-by/, 'cc by'))
    if (cc) return cc
  }
  // Copyleft first: a GPL text quotes other licence names, never the reverse.
  if (t.includes('gnu affero general public license')) return 'AGPL'
  if (t.includes('gnu lesser general public license') || t.includes('gnu library general public license')) return 'LGPL'
  if (t.includes('gnu general public license')) return 'GPL'
  const cc = classifyCreativeCommons(t)
  if (cc) return cc
  if (t.includes('apache license') && /version 2\.0/.test(t)) return 'Apache-2.0'
  if (t.includes('mozilla public license') && /(version )?2\.0/.test(t)) return 'MPL-2.0'
  if (t.includes('boost software license')) return 'BSL-1.0'
  if (t.includes('this is free and unencumbered software released into the public domain')) return 'Unlicense'
  if (t.includes('cc0 1.0 universal') || t.includes('creative commons zero')) return 'CC0-1.0'
  if (t.includes('permission is hereby granted, free of charge, to any person obtaining a copy')) return 'MIT'
  if (
    t.includes('permission to use, copy, modify, and/or distribute this software for any purpose') ||
    t.includes('permission to use, copy, modify, and distribute this software for any purpose')
  )
    return 'ISC'
  if (t.includes('redistribution and use in source and binary forms')) {
    // The third clause (no endorsement using the holder's name) is what separates BSD-3 from BSD-2.
    return /neither the name|the names? of (its|the) contributors may not|may be used to endorse/.test(t) ? 'BSD-3-Clause' : 'BSD-2-Clause'
  }
  if (t.includes("this software is provided 'as-is'") && t.includes('altered source versions must be plainly marked')) return 'Zlib'
  if (/non-?commercial (use|purposes?)|for (academic|research) (use|purposes?) only|research purposes? only/.test(t))
    return 'non-commercial'
  if (t.includes('all rights reserved') || t.includes('proprietary') || t.includes('confidential')) return 'proprietary'
  return 'unknown'
}
