import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** `dri:` in teamops.yml. */
export const driSection = z
  .object({
    project: z.string().min(1).optional(),
    roster: z.array(z.string().min(1)).default([]),
    template: z.string().min(1).default('Distribution-DRI'),
    title: z.string().min(1).default('Distribution DRI rotation week of {week_start}'),
    labels: z.array(z.string().min(1)).default(['DRI']),
    cadence: z.enum(['weekly', 'biweekly', 'monthly']).default('weekly'),
    absences: z.record(z.string(), z.array(z.object({ from: isoDate, to: isoDate }).strict())).default({}),
    busy_counts_as_away: z.boolean().default(true),
    active_request_label: z.string().min(1).default('dri::active-request'),
  })
  .strict();
