import { z } from 'zod';

/** `milestone:` in teamops.yml. */
export const milestoneSection = z
  .object({
    project: z.string().min(1).optional(),
    group: z.string().min(1).optional(),
    /** Label added to moved issues; `{milestone}` is the title of the milestone they missed. */
    missed_label: z.string().min(1).default('missed:{milestone}'),
    include_mrs: z.boolean().default(false),
  })
  .strict();
