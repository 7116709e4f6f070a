import { z } from 'zod';

/** `milestone:` in teamops.yml. */
export const milestoneSection = z
  .object({
    /** The project whose issues roll over (its own and its groups' milestones). */
    project: z.string().min(1).optional(),
    /** Or the group: every project in it, with the group's milestones. */
    group: z.string().min(1).optional(),
    /** Label added to moved issues; `{milestone}` is the title of the milestone they missed. */
    missed_label: z
      .string()
      .min(1)
      // Slip counts are read back from these labels, so each missed milestone needs its own label.
      .refine((pattern) => pattern.split('{milestone}').length === 2, 'must contain {milestone} exactly once, e.g. "missed:{milestone}"')
      .refine((pattern) => !pattern.includes(','), 'must not contain a comma (GitLab separates labels with commas)')
      .default('missed:{milestone}'),
    include_mrs: z.boolean().default(false),
  })
  .strict()
  .refine((section) => !(section.project && section.group), { message: 'set either project or group, not both', path: ['group'] });
