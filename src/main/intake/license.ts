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
  return PERMISSIVE.has(kind)
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
  }
  // Copyleft first: a GPL text quotes other licence names, never the reverse.
  if (t.includes('gnu affero general public license')) return 'AGPL'
  if (t.includes('gnu lesser general public license') || t.includes('gnu library general public license')) return 'LGPL'
  if (t.includes('gnu general public license')) return 'GPL'
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
  if (t.includes('all rights reserved') || t.includes('proprietary') || t.includes('confidential')) return 'proprietary'
  return 'unknown'
}
