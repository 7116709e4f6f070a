import type { TeamopsConfig } from '../../config/schema.js';
import type { OkrLabelSettings } from '../../rituals/okr/labels.js';
import type { QuarterSettings } from '../../rituals/okr/quarter.js';

/** What the OKR ritual takes from teamops.yml to make quarters and labels. */
export function okrSettings(config: TeamopsConfig): { quarters: QuarterSettings; labels: OkrLabelSettings } {
  return {
    quarters: { kind: config.okr.quarters, fiscalStartMonth: config.fiscal_year_start_month, labelPattern: config.labels.quarter },
    labels: {
      team: config.labels.team,
      objective: config.labels.objective,
      keyResult: config.labels.key_result,
      extra: config.okr.extra_labels,
    },
  };
}
