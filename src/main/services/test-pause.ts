// A test hook, off unless PODIUM_TEST_PAUSE_AT is set: each submission stops at that intake stage,
// says so on stderr ("PODIUM_TEST_PAUSED scoring submission 3") and waits until the file named by
// PODIUM_TEST_RESUME_FILE exists. Tests use it to kill -9 a process, or start a second one, at a known point.
import { existsSync } from 'node:fs'

export type PausePoint = 'fetching' | 'validating' | 'scoring'

export async function pauseForTest(stage: PausePoint, submissionId: number): Promise<void> {
  if (process.env.PODIUM_TEST_PAUSE_AT !== stage) return
  process.stderr.write(`PODIUM_TEST_PAUSED ${stage} submission ${submissionId}\n`)
  const resumeFile = process.env.PODIUM_TEST_RESUME_FILE
  while (!resumeFile || !existsSync(resumeFile)) await new Promise((r) => setTimeout(r, 50))
}
