import { z } from 'zod';
import { isIsoDate, isTimeZone } from '../../rituals/common/iso-date.js';

const isoDate = z.string().refine(isIsoDate, 'expected a date as YYYY-MM-DD');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24-hour)');

/** One meeting of an alternating series: its time in its zone, and who hosts it. */
const rotationEntry = z
  .object({
    zone: z.string().refine(isTimeZone, 'expected an IANA time zone such as America/Los_Angeles'),
    time: clock,
    host: z.string().min(1).optional(),
  })
  .strict();

/** One recurring issue of `rituals:` in teamops.yml; its cadence is read by ritualSettings (rituals/recurring/plan-rituals.ts). */
export const ritualEntry = z
  .object({
    /** `week`, `month`, or `N weeks`. */
    every: z.string().min(1),
    /** A weekday; for a month also `2nd tuesday`, `last friday`, or a day of the month (1–31). */
    on: z.union([z.string().min(1), z.number().int().min(1).max(31)]).optional(),
    /** The first occurrence; every N weeks counts from it. */
    from: isoDate.optional(),
    /** Lead time: the issue opens this long before each occurrence (`48h`, `2d`). */
    before: z.string().min(1).optional(),
    /** The meeting's time (team zone), so that a lead time in hours counts from it. */
    at: clock.optional(),
    /** Where the issues go; may contain {team}; default okr.teams.<team>.project. */
    project: z.string().min(1).optional(),
    title: z.string().min(1),
    /** A project issue template, else a bundled one (templates/rituals/<name>.md). */
    template: z.string().min(1).optional(),
    labels: z.array(z.string().min(1)).default([]),
    /** Usernames, `em` (the team's manager), `dri` (the current DRI), `host` (the rotation's host). */
    assignees: z.array(z.string().min(1)).default([]),
    rotation: z.array(rotationEntry).min(1).optional(),
    /** One issue per team (okr.teams), each in its team's project. */
    teams: z.array(z.string().min(1)).optional(),
  })
  .strict();

/** `rituals:` in teamops.yml: recurring issues by name. */
export const ritualsSection = z.record(z.string().regex(/^[\w.-]+$/, 'a ritual name is letters, digits, ".", "_" or "-"'), ritualEntry);

export type RitualEntry = z.infer<typeof ritualEntry>;
