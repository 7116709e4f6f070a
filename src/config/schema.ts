import { z } from 'zod';
import { isTimeZone } from '../rituals/common/iso-date.js';
import { labelName } from './label-name.js';
import { driSection } from './sections/dri.js';
import { labelRulesSection } from './sections/labels.js';
import { milestoneSection } from './sections/milestone.js';
import { okrSection } from './sections/okr.js';
import { claimsSection, queueSection } from './sections/queue.js';
import { ritualsSection } from './sections/rituals.js';
import { sloSection } from './sections/slo.js';
import { updatesSection } from './sections/updates.js';

export const configSchema = z
  .object({
    gitlab: z
      .object({
        host: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL such as https://gitlab.com' }).optional(),
        /** Seconds the whole run may spend waiting (rate limits, retries, another run's lock); --max-wait wins. */
        max_wait: z.number().int().min(0).max(86_400).optional(),
      })
      .strict()
      .default({}),
    team: z
      .object({
        /** Names the rituals' defaults: "<name> DRI rotation week of …", the `<name>-DRI` issue template. */
        name: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .refine((name) => !/[{}]/.test(name), 'the team name must not contain { or }')
          .optional(),
      })
      .strict()
      .default({}),
    timezone: z.string().refine(isTimeZone, 'expected an IANA time zone such as Europe/Amsterdam').default('UTC'),
    fiscal_year_start_month: z.number().int().min(1).max(12).default(2),
    labels: z
      .object({
        /** `{yyyy}` the quarter's named year (fiscal for FY27-Q1: 2027), `{yy}`/`{fy}` its two digits, `{q}` its number. */
        quarter: labelName.default('{yyyy}-q{q}'),
        team: labelName.default('team:{team}'),
        objective: labelName.default('okr:o'),
        key_result: labelName.default('okr:kr'),
        /** What `teamops labels check` holds every item to. */
        rules: labelRulesSection.optional(),
      })
      .strict()
      .default({ quarter: '{yyyy}-q{q}', team: 'team:{team}', objective: 'okr:o', key_result: 'okr:kr' }),
    keys: z
      .object({
        /**
         * GitLab usernames besides the token's own whose issues and comments count when teamops
         * looks for what an earlier run created: the users of earlier tokens.
         */
        trusted_authors: z.array(z.string().trim().min(1)).default([]),
      })
      .strict()
      .default({ trusted_authors: [] }),
    okr: okrSection.default(okrSection.parse({})),
    dri: driSection.default(driSection.parse({})),
    milestone: milestoneSection.default(milestoneSection.parse({})),
    updates: updatesSection.default(updatesSection.parse({})),
    queue: queueSection.default(queueSection.parse({})),
    claims: claimsSection.default(claimsSection.parse({})),
    rituals: ritualsSection.default({}),
    slo: sloSection.default(sloSection.parse({})),
  })
  .strict();

export type TeamopsConfig = z.infer<typeof configSchema>;
