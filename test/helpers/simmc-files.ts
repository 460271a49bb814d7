// A generated SIMMC gold folder (gold/{domain}/<official names>) and one team's prediction files,
// written where a test can point `challenges.create` and intake at them.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateGold, goldFiles, predictionFiles } from '../../src/main/demo/simmc-data'

export function writeSimmcFiles(goldDir: string, predDir: string, options: { dialogs: number; quality: number; seed: string }): void {
  mkdirSync(predDir, { recursive: true })
  for (const domain of ['fashion', 'furniture'] as const) {
    mkdirSync(join(goldDir, domain), { recursive: true })
    const gold = generateGold(domain, { dialogs: options.dialogs, seed: options.seed })
    for (const [name, text] of Object.entries(goldFiles(gold))) writeFileSync(join(goldDir, domain, name), text)
    for (const [name, text] of Object.entries(predictionFiles(gold, { quality: options.quality, seed: options.seed }))) {
      writeFileSync(join(predDir, name), text)
    }
  }
}
