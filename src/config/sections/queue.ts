import { z } from 'zod';

/** One row of the prioritisation table: what kind of item, at which priority, with which review SLO state. */
const queueRow = z
  .object({
    /** The level the table gives the row (1 is most urgent). */
    level: z.number().int().min(1).max(9),
    /** What the person does with the item. */
    do: z.enum(['unblock review', 'review', 'continue', 'pick up']),
    /** `any`, a priority number, or `other` (none of the priorities before it in the table). */
    priority: z.union([z.literal('any'), z.literal('other'), z.number().int().min(1).max(9)]).default('any'),
    /** Reviews only: where the review stands against the review SLO. */
    slo: z.enum(['any', 'breaching', 'near', 'within']).default('any'),
  })
  .strict();

export type QueueRowConfig = z.infer<typeof queueRow>;

/**
 * The Distribution handbook's "what should I work on" table, in order: priority::1 first (unblock
 * my MRs in review, review priority::1 MRs, continue, pick up), then the other MRs in review, and so on.
 */
export const HANDBOOK_ORDER: QueueRowConfig[] = [
  { level: 1, do: 'unblock review', priority: 1, slo: 'any' },
  { level: 1, do: 'review', priority: 1, slo: 'any' },
  { level: 1, do: 'continue', priority: 1, slo: 'any' },
  { level: 1, do: 'pick up', priority: 1, slo: 'any' },
  { level: 2, do: 'unblock review', priority: 'other', slo: 'any' },
  { level: 2, do: 'continue', priority: 2, slo: 'any' },
  { level: 2, do: 'review', priority: 'other', slo: 'breaching' },
  { level: 2, do: 'review', priority: 'other', slo: 'near' },
  { level: 2, do: 'pick up', priority: 2, slo: 'any' },
  { level: 3, do: 'continue', priority: 3, slo: 'any' },
  { level: 3, do: 'pick up', priority: 3, slo: 'any' },
  { level: 3, do: 'review', priority: 'other', slo: 'within' },
  { level: 4, do: 'continue', priority: 4, slo: 'any' },
  { level: 4, do: 'pick up', priority: 4, slo: 'any' },
];

/** `queue:` in teamops.yml. */
export const queueSection = z
  .object({
    /** Where the work lives (default: milestone.group / milestone.project). */
    group: z.string().min(1).optional(),
    project: z.string().min(1).optional(),
    /** `{n}` is the priority number: `priority::1`. */
    priority_label: z
      .string()
      .min(1)
      .refine((label) => label.includes('{n}'), 'the priority label must contain {n}')
      .default('priority::{n}'),
    deliverable_label: z.string().min(1).default('Deliverable'),
    /** Workflow labels that mean an issue is being worked on. */
    in_progress_labels: z.array(z.string().min(1)).default(['workflow::in dev', 'workflow::in review']),
    /** Hours a reviewer has, counted on working days (Monday to Friday) in the team's time zone. */
    review_slo_hours: z.number().positive().max(10_000).default(48),
    /** The share of the SLO after which a review is near breaching. */
    near_breach: z.number().gt(0).lt(1).default(0.75),
    order: z.array(queueRow).min(1).default(HANDBOOK_ORDER),
  })
  .strict();

/** `claims:` in teamops.yml. */
export const claimsSection = z
  .object({
    /** The label `claims --sync` keeps on validly claimed issues. */
    label: z.string().min(1).default('claimed'),
  })
  .strict();

export type QueueSection = z.infer<typeof queueSection>;
