// Profiles of a piece of benchmark work through node:inspector: V8's sampling CPU profiler,
// summed as self time per function (where the time of a goal that is not met goes), and its
// sampling heap profiler, summed as bytes allocated per function (what the garbage collector,
// and with it the worker pool's ceiling, has to handle).
import { Session } from 'node:inspector/promises'
import { basename } from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string }
}
export interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** Floor work (reading, decoding, JSON.parse, line splitting) and GC under one name each; the rest by function. */
function label(frame: ProfileNode['callFrame']): string {
  const name = frame.functionName || '(anonymous)'
  if (name === '(garbage collector)') return 'garbage collection'
  if (['readFileSync', 'readFileUtf8', 'read', 'isUtf8', 'tryReadSync', 'tryStatSync', 'slice', 'toString', 'utf8Slice'].includes(name))
    return 'reading and decoding the files (floor)'
  if (name === 'parseJson' || name === 'parse') return 'JSON.parse (floor)'
  if (['wrapSafe', 'compileForInternalLoader', 'compileFunction', 'Module._load', 'Module._compile'].includes(name))
    return 'loading modules'
  if (name.startsWith('RegExp: \\r\\n') || name === 'split' || name === 'splitLines') return 'line split (floor)'
  return frame.url ? `${name} (${basename(frame.url).replace(/\?.*$/, '')})` : name
}

/** selfTime of everything `run` does. */
export async function profileSelfTime(run: () => unknown): Promise<Array<{ label: string; ms: number; share: number }>> {
  const session = new Session()
  session.connect()
  try {
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: 100 })
    await session.post('Profiler.start')
    await run()
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile }
    return selfTime(profile)
  } finally {
    session.disconnect()
  }
}

/** Self time by label, biggest first, with its share of the total (idle time left out). */
export function selfTime(profile: Profile): Array<{ label: string; ms: number; share: number }> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)
    // `dispatch` without a file is the inspector itself, building the profile when it stops.
    const { functionName, url } = node?.callFrame ?? { functionName: '(root)', url: '' }
    if (['(idle)', '(program)', '(root)'].includes(functionName) || (functionName === 'dispatch' && !url)) return
    const key = label(node!.callFrame)
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  return [...self].map(([l, t]) => ({ label: l, ms: t, share: t / total })).sort((a, b) => b.ms - a.ms)
}

/** `garbage collection 31%, parseBeliefLine (dst-format.ts) 18%, …`: the biggest `top` entries. */
export function describeProfile(entries: Array<{ label: string; share: number }>, top = 6): string {
  return entries
    .slice(0, top)
    .map((e) => `${e.label} ${(e.share * 100).toFixed(0)}%`)
    .join(', ')
}

interface HeapNode {
  callFrame: { functionName: string; url: string }
  selfSize: number
  children: HeapNode[]
}

/**
 * Bytes allocated by everything `run` does, by label, biggest first: sampled every 32 KB,
 * objects the GC has already collected included (so it is allocation, not what stays alive).
 */
export async function profileAllocation(
  run: () => unknown
): Promise<{ totalMb: number; entries: Array<{ label: string; mb: number; share: number }> }> {
  const session = new Session()
  session.connect()
  try {
    await session.post('HeapProfiler.enable')
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 32 * 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true
    })
    await run()
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: HeapNode } }
    const bytes = new Map<string, number>()
    const visit = (node: HeapNode): void => {
      if (node.selfSize > 0) {
        const key = label(node.callFrame)
        bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize)
      }
      node.children.forEach(visit)
    }
    visit(profile.head)
    const total = [...bytes.values()].reduce((a, b) => a + b, 0)
    const entries = [...bytes].map(([l, b]) => ({ label: l, mb: b / 2 ** 20, share: b / total })).sort((a, b) => b.mb - a.mb)
    return { totalMb: total / 2 ** 20, entries }
  } finally {
    session.disconnect()
  }
}
