import { z } from 'zod';
import { missedLabelPatternProblem } from '../../rituals/milestone/missed-label.js';
import { API_CHOICES, SLIPS_CHOICES } from '../../rituals/milestone/model.js';

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
    /** Act on the handbook's circuit breakers at each rollover (`--circuit-breakers`). */
    circuit_breakers: z.boolean().default(false),
    /** A project issue template (of the rolled-over project) or a file for the retrospective; teamops' bundled one otherwise. */
    retrospective_template: z.string().min(1).optional(),
    /** GitLab usernames the evaluation at three slips mentions. */
    section_leaders: z
      .array(
        z
          .string()
          .min(1)
          .transform((name) => name.replace(/^@/, '')),
      )
      .default([]),
    /** At three slips: an evaluation issue, or a comment on the retrospective. */
    evaluation: z.enum(['issue', 'comment']).default('issue'),
    /** Where slips are counted from (`--slips`): each item's milestone history (one request per item), or the missed labels (none). */
    slips: z.enum(SLIPS_CHOICES).default('history'),
    /** How issues move (`--api`): REST, GraphQL's issuesBulkUpdate, or auto. */
    api: z.enum(API_CHOICES).default('auto'),
  })
  .strict()
  .refine((section) => !(section.project && section.group), { message: 'set either project or group, not both', path: ['group'] });
