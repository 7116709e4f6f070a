import { z } from 'zod';
import { labelName } from '../label-name.js';

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
    /** Templates whose period is a month or a week; by default a template named `…monthly…` covers a month. */
    periods: z.record(z.string(), z.enum(['week', 'month'])).default({}),
    /** Also collect highlights from comments on updates (`update highlights --comments`). */
    highlights_from_comments: z.boolean().default(false),
  })
  .strict();
