// An OKR cycle is a quarter: --quarter, else the file's `quarter:`, else the quarter containing
// today (calendar or fiscal, as okr.quarters says). Its issues carry the label labels.quarter makes
// of it.
import type { IsoDate } from '../common/calendar.js';
import { parseQuarter, quarterContaining, quarterLabel, QUARTER_EXAMPLES, type Quarter, type QuarterKind } from '../common/quarter.js';
import { labelOrProblem } from './labels.js';

/** okr.quarters, fiscal_year_start_month and labels.quarter of teamops.yml. */
export interface QuarterSettings {
  kind: QuarterKind;
  fiscalStartMonth: number;
  labelPattern: string;
}

export interface OkrQuarter {
  quarter: Quarter;
  /** The quarter's label; '' when labels.quarter cannot make one (a problem says why). */
  label: string;
}

/** The quarter containing today (or --date). */
export function todaysQuarter(today: IsoDate, settings: QuarterSettings): Quarter {
  return quarterContaining(today, settings.kind, settings.fiscalStartMonth);
}

/** The quarter asked for and its label; a malformed quarter or label pattern is a problem to list. */
export function resolveOkrQuarter(
  asked: { flag?: string; file?: string },
  today: IsoDate,
  settings: QuarterSettings,
): { quarter?: OkrQuarter; problems: string[] } {
  const [text, where] = asked.flag !== undefined ? [asked.flag, '--quarter'] : [asked.file, 'quarter'];
  const quarter = text === undefined ? todaysQuarter(today, settings) : parseQuarter(text, settings.fiscalStartMonth);
  if (!quarter) return { problems: [`${where}: "${text}" is not ${QUARTER_EXAMPLES}`] };
  const problems: string[] = [];
  const label = labelOrProblem(() => quarterLabel(quarter, settings.labelPattern), 'labels.quarter', problems);
  return { quarter: { quarter, label }, problems };
}
