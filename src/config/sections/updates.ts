import { z } from 'zod';
import { WEEKDAYS } from '../../rituals/common/iso-date.js';
import { ROLE_NAMES } from '../../rituals/updates/authors.js';
import { labelName } from '../label-name.js';

const username = z
  .string()
  .min(1)
  .transform((name) => name.replace(/^@/, ''));

/** Who is expected to write a template's updates: a username, or the members of a group (with one role, or a job title). */
const authorSource = z.union([
  username,
  z
    .object({
      group: z.string().min(1),
      /** Only members with this role in the group (directly or inherited); without it, every member. */
      role: z.enum(ROLE_NAMES).optional(),
      /** Only members whose GitLab profile's job title contains this (any case): "Engineering Manager". */
      job_title: z.string().trim().min(1).optional(),
    })
    .strict(),
]);

/** `updates:` in teamops.yml. */
export const updatesSection = z
  .object({
    /** Where updates and summaries are created, and where issue templates are looked up. */
    project: z.string().min(1).optional(),
    /** What updates report on, and where highlights and summaries look for updates (default: project). */
    group: z.string().min(1).optional(),
    labels: z.array(labelName).default(['OpsSection::AsyncUpdate']),
    /** Older updates carry this label; highlights and summaries read both. */
    legacy_labels: z.array(labelName).default(['OpsSection::Weekly-Update']),
    /** `{author}`, `{template}`, `{week_start}`, `{week}`, `{month}`, `{since}`, `{until}`. */
    title: z.string().min(1).default('{author}: weekly update, week of {week_start}'),
    summary_title: z.string().min(1).default('Async updates: week of {week_start}'),
    summary_labels: z.array(labelName).default([]),
    /** The day the team's week starts, in its time zone: a weekly update covers that week. */
    week_starts_on: z.enum(WEEKDAYS).default('monday'),
    /** Templates whose period is a month or a week; by default a template named `…monthly…` covers a month. */
    periods: z.record(z.string(), z.enum(['week', 'month'])).default({}),
    /** Per template: who is expected to post an update each period (`update missing`, the summary's "Not yet posted"). */
    authors: z.record(z.string(), z.array(authorSource)).default({}),
    /** The director and senior EMs: an update awaits feedback until one of them comments (default: anyone but its author). */
    reviewers: z.array(username).default([]),
    /** Where `update missing --remind` comments (`group/project#12`); default: the period's summary issue. */
    reminder_issue: z
      .string()
      .regex(/^[^\s#]+#\d+$/, 'expected an issue reference such as distribution/team-tasks#12')
      .optional(),
    /** `update highlights --create`: the director's monthly update issue in `project`. */
    director: username.optional(),
    director_title: z.string().min(1).default("Director's update: {month}"),
    /** A project issue template, else teamops' bundled templates/director-monthly.md. */
    director_template: z.string().min(1).default('director-monthly'),
    director_labels: z.array(z.string().min(1)).default([]),
    /** Also collect highlights from comments on updates (`update highlights --comments`). */
    highlights_from_comments: z.boolean().default(false),
  })
  .strict();
