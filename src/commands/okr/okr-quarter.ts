import type { TeamopsConfig } from '../../config/schema.js';
import { UsageError } from '../../errors.js';
import { TemplateError } from '../../rituals/shared/issue-body.js';
import { fillPattern } from '../../rituals/shared/pattern.js';
import type { OkrRequest } from '../../rituals/okr-cycle.js';
import { parseQuarter, quarterContaining, quarterLabel, QUARTER_EXAMPLES, type Quarter } from '../../rituals/shared/quarter.js';
import type { CommandContext } from '../shared/context.js';

/** For registerX: a --quarter that is no quarter at all is a usage error before anything is read. */
export function checkQuarterFlag(flag: string | undefined): void {
  // The fiscal start month changes a quarter's dates, not whether the text names one.
  if (flag !== undefined && !parseQuarter(flag, 1)) throw new UsageError(`--quarter must be ${QUARTER_EXAMPLES}, got "${flag}"`);
}

/** The quarter containing today (or --date); okr.quarters says whether that is 2027-Q1 or FY27-Q1. */
export function todaysQuarter(context: CommandContext): Quarter {
  return quarterContaining(context.today, context.config.okr.quarters, context.config.fiscal_year_start_month);
}

/** --quarter, else the file's quarter:, else the quarter containing today. A malformed one is a problem to list. */
export function resolveQuarter(flag: string | undefined, fromFile: string | undefined, context: CommandContext): { quarter?: Quarter; problems: string[] } {
  const [text, where] = flag !== undefined ? [flag, '--quarter'] : [fromFile, 'quarter'];
  if (text === undefined) return { quarter: todaysQuarter(context), problems: [] };
  const quarter = parseQuarter(text, context.config.fiscal_year_start_month);
  return quarter ? { quarter, problems: [] } : { problems: [`${where}: "${text}" is not ${QUARTER_EXAMPLES}`] };
}

/** The OKR labels from the labels.* patterns in teamops.yml; a pattern that cannot be filled is a problem to list. */
export function okrLabels(quarter: Quarter, teams: string[], config: TeamopsConfig): { labels: OkrRequest['labels']; problems: string[] } {
  const problems: string[] = [];
  const label = (make: () => string, key: string): string => {
    try {
      const value = make();
      // GitLab takes labels as a comma-separated list, so a comma would split one label in two.
      if (value.includes(',')) problems.push(`${key}: the label "${value}" contains a comma`);
      return value;
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      problems.push(error.message);
      return '';
    }
  };
  const team = Object.fromEntries(teams.map((name) => [name, label(() => fillPattern(config.labels.team, { team: name }, 'labels.team'), 'labels.team')]));
  const labels = {
    quarter: label(() => quarterLabel(quarter, config.labels.quarter), 'labels.quarter'),
    objective: config.labels.objective,
    keyResult: config.labels.key_result,
    team,
    extra: config.okr.extra_labels,
  };
  return { labels, problems: [...new Set(problems)] };
}
