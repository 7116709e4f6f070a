import { z } from 'zod';
import { missedLabelPatternProblem } from '../../rituals/milestone/missed-label.js';

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
      .superRefine((pattern, ctx) => {
        const problem = missedLabelPatternProblem(pattern);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .default('missed:{milestone}'),
    include_mrs: z.boolean().default(false),
  })
  .strict()
  .refine((section) => !(section.project && section.group), { message: 'set either project or group, not both', path: ['group'] });
