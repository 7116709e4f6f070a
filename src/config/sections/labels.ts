import { z } from 'zod';
import { quarterPatternProblem } from '../../rituals/common/quarter.js';

/** A label's title as GitLab takes it: at most 255 characters, no comma (GitLab separates labels with commas). */
const labelTitle = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((title) => !title.includes(','), 'a label must not contain a comma (GitLab separates labels with commas)');

const quarterPattern = z.string().superRefine((pattern, ctx) => {
  const problem = quarterPatternProblem(pattern);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** `labels.rules:` in teamops.yml: what `teamops labels check` holds every item to. */
export const labelRulesSection = z
  .object({
    /** Where the items are (default: milestone.project or milestone.group). */
    project: z.string().min(1).optional(),
    group: z.string().min(1).optional(),
    /** Labels every item must carry. */
    required: z
      .array(labelTitle)
      .default([])
      .refine((labels) => new Set(labels).size === labels.length, 'a label is listed twice'),
    /** Groups of labels of which each item carries exactly one (scoped labels are not exclusive on GitLab Free). */
    one_of: z
      .array(
        z
          .array(labelTitle)
          .min(2, 'a one_of group needs two labels or more')
          .refine((labels) => new Set(labels).size === labels.length, 'a label is listed twice'),
      )
      .default([]),
    /** The quarter label of the item's milestone due date: a pattern such as "FY{fy}::Q{q}", or true for labels.quarter. */
    quarter: z.union([z.literal(true), quarterPattern]).optional(),
    /** Fiscal or calendar quarters (default: fiscal when the pattern uses {fy}, else okr.quarters). */
    quarters: z.enum(['calendar', 'fiscal']).optional(),
    /** The label items added to their milestone after it started must carry. */
    unplanned: labelTitle.optional(),
    /** Check open merge requests too (--include-mrs). */
    include_mrs: z.boolean().default(false),
  })
  .strict()
  .refine((section) => !(section.project && section.group), { message: 'set either project or group, not both', path: ['group'] })
  .refine((section) => !section.quarters || section.quarter !== undefined, {
    message: 'quarters applies to the quarter rule: set quarter too',
    path: ['quarters'],
  });

export type LabelRulesSection = z.infer<typeof labelRulesSection>;
