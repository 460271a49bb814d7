// One table of plain labels for metric keys, used by the screens and the reports. The keys
// (official script names) stay in tooltips, exports (CSV, JSON) and the command line.
import { CONVAI2_METRICS } from './convai2'
import { SIMMC_CATEGORIES } from './simmc-categories'

const EXTRA: Record<string, string> = {
  joint_accuracy: 'Joint Accuracy',
  act_rec: 'Intent Recall',
  act_prec: 'Intent Precision',
  slot_rec: 'Slot Recall',
  slot_prec: 'Slot Precision',
  perplexity: 'Perplexity'
}

export const METRIC_LABELS: Readonly<Record<string, string>> = {
  ...EXTRA,
  ...Object.fromEntries(SIMMC_CATEGORIES.flatMap((c) => c.metrics.map((m) => [m.metric, m.label]))),
  ...Object.fromEntries(CONVAI2_METRICS.map((m) => [m.metric, m.label]))
}

/** "action_accuracy" → "Action Accuracy"; an unknown key is shown as it is. */
export const metricLabel = (key: string): string => METRIC_LABELS[key] ?? key

/** What the screens say where the official script defines no standard error. */
export const NO_SE_TEXT = 'no SE'
export const NO_SE_TOOLTIP = 'No standard error: the official script gives none for this metric'
