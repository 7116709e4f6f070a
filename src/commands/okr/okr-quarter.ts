import { UsageError } from '../../errors.js';
import { parseQuarter, QUARTER_EXAMPLES } from '../../rituals/shared/quarter.js';

/** For registerX: a --quarter that is no quarter at all is a usage error before anything is read. */
export function checkQuarterFlag(flag: string | undefined): void {
  // The fiscal start month changes a quarter's dates, not whether the text names one.
  if (flag !== undefined && !parseQuarter(flag, 1)) throw new UsageError(`--quarter must be ${QUARTER_EXAMPLES}, got "${flag}"`);
}
