import { z } from 'zod';
import { labelName } from '../label-name.js';

/** `okr:` in teamops.yml. */
export const okrSection = z
  .object({
    /** Which quarter "today's quarter" is when neither --quarter nor the file names one: 2027-Q1 or FY27-Q1. */
    quarters: z.enum(['calendar', 'fiscal']).default('calendar'),
    /** Project for objective issues when the OKR file names none. */
    project: z.string().min(1).optional(),
    /** Default assignees per team: the team's manager and director, as the handbook asks. */
    teams: z
      .record(
        z.string(),
        z
          .object({
            assignees: z.array(z.string().min(1)).default([]),
            project: z.string().min(1).optional(),
            /** The PM, EM and staff engineer who draft next quarter's OKRs (okr plan assigns them). */
            planners: z.array(z.string().min(1)).default([]),
          })
          .strict(),
      )
      .default({}),
    /** Labels added to every objective and key result besides okr:o / okr:kr, team and quarter. */
    extra_labels: z.array(labelName).default([]),
    /** A project issue template to use for objective descriptions instead of the bundled one. */
    objective_template: z.string().min(1).optional(),
    key_result_template: z.string().min(1).optional(),
    /** How often each key result needs a check-in (okr checkin --remind, okr status's overdue flag). */
    checkin_cadence: z.enum(['weekly', 'biweekly', 'monthly']).default('weekly'),
    /** The handbook's 70% completion target: what okr status calls on course. */
    target_score: z.number().gt(0).max(1).default(0.7),
    /** okr plan's issue title; {quarter} is the quarter being planned. */
    plan_title: z.string().min(1).default('OKR planning for {quarter}'),
  })
  .strict();
