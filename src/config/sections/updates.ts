import { z } from 'zod';

/** `updates:` in teamops.yml. */
export const updatesSection = z
  .object({
    project: z.string().min(1).optional(),
    group: z.string().min(1).optional(),
    labels: z.array(z.string().min(1)).default(['OpsSection::AsyncUpdate']),
    /** Older updates carry this label; highlights are collected from both. */
    legacy_labels: z.array(z.string().min(1)).default(['OpsSection::Weekly-Update']),
    title: z.string().min(1).default('{author}: weekly update, week of {week_start}'),
    summary_title: z.string().min(1).default('Async updates: week of {week_start}'),
  })
  .strict();
