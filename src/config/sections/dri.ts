import { z } from 'zod';
import { impossibleDateReason, isIsoDate, WEEKDAYS } from '../../rituals/common/iso-date.js';
import { labelName } from '../label-name.js';
import { DRI_TITLE_PLACEHOLDERS } from '../../rituals/dri/title.js';

const isoDate = z.string().refine(isIsoDate, {
  error: (issue) => {
    const reason = typeof issue.input === 'string' ? impossibleDateReason(issue.input) : undefined;
    return reason ? `${String(issue.input)} is not a date: ${reason}` : 'expected a date as YYYY-MM-DD';
  },
});

const absence = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((range) => range.from <= range.to, 'an absence must not end ("to") before it starts ("from")');

const username = z
  .string()
  .min(1)
  .transform((name) => name.replace(/^@/, ''));

/** `dri:` in teamops.yml. */
export const driSection = z
  .object({
    project: z.string().min(1).optional(),
    /** GitLab usernames in rotation order. */
    roster: z
      .array(username)
      .default([])
      .refine((names) => new Set(names.map((n) => n.toLowerCase())).size === names.length, 'a username is listed twice'),
    /**
     * The project's issue template (`.gitlab/issue_templates/<template>.md`); teamops' bundled one when the
     * project has none. Default: `<team.name>-DRI`, or `DRI` without a team name.
     */
    template: z.string().min(1).optional(),
    /** Default: `<team.name> DRI rotation week of {week_start}`, or `DRI rotation week of {week_start}`. */
    title: z
      .string()
      .min(1)
      .optional()
      .refine(
        (title) => title === undefined || title.includes('{week_start}'),
        'the title must contain {week_start}, so that each week has its own issue',
      )
      .refine(
        (title) =>
          title === undefined ||
          [...title.matchAll(/\{(\w+)\}/g)].every((m) => (DRI_TITLE_PLACEHOLDERS as readonly string[]).includes(m[1]!)),
        `the title may use only ${DRI_TITLE_PLACEHOLDERS.map((p) => `{${p}}`).join(' and ')}`,
      ),
    labels: z.array(labelName).default(['DRI']),
    /** The day a DRI week starts, in the team's time zone. */
    week_starts_on: z.enum(WEEKDAYS).default('monday'),
    cadence: z.enum(['weekly', 'biweekly', 'monthly']).default('weekly'),
    /** Per username: days away (inclusive). Anyone away for any day of a rotation is skipped for it. */
    absences: z.record(z.string(), z.array(absence)).default({}),
    busy_counts_as_away: z.boolean().default(true),
    /** Open issues with this label are handed over, besides those linked to the previous DRI issue. */
    active_request_label: labelName.default('dri::active-request'),
    /**
     * Planned swaps: the rotation containing the date goes to this person instead of whoever's turn it
     * is, and the roster order stays as it is (as with `dri rotate --to`).
     */
    overrides: z.record(isoDate, username).default({}),
    /**
     * The label on an active request that says how it is handed over (the handbook's four options);
     * a request without one is handed to the next DRI.
     */
    handoff_labels: z
      .object({
        next: labelName.default('dri-handoff::next'),
        sme: labelName.default('dri-handoff::sme'),
        close: labelName.default('dri-handoff::close'),
        sync: labelName.default('dri-handoff::sync'),
      })
      .strict()
      .default({ next: 'dri-handoff::next', sme: 'dri-handoff::sme', close: 'dri-handoff::close', sync: 'dri-handoff::sync' }),
  })
  .strict();

export type DriSection = z.infer<typeof driSection>;
