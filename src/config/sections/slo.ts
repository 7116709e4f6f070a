import { z } from 'zod';
import { PHASES, RACI_LETTERS } from '../../rituals/slo/chart.js';
import { OBJECTIVE_EXAMPLE, parseDuration, parseObjective } from '../../rituals/slo/measures.js';

const duration = z.string().refine((text) => parseDuration(text) !== undefined, 'expected a Prometheus duration such as 28d, 6h or 1h30m');
const percent = z.union([z.string(), z.number()]);
const usernames = z.array(
  z
    .string()
    .min(1)
    .transform((name) => name.replace(/^@/, '')),
);
/** Persona id → GitLab usernames. */
const personas = z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a persona id such as product_owner'), usernames);

const sli = z
  .object({
    /** PromQL counting good events over `{{window}}`: `sum(increase(http_requests_total{code!~"5.."}[{{window}}]))`. */
    good: z.string().min(1).optional(),
    /** PromQL counting all events over `{{window}}`. */
    total: z.string().min(1).optional(),
    /** Or one query giving good/total over `{{window}}` directly. */
    ratio: z.string().min(1).optional(),
  })
  .strict()
  .refine(
    (q) => (q.ratio !== undefined) !== (q.good !== undefined || q.total !== undefined) && (q.ratio !== undefined || (q.good && q.total)),
    'give either good and total, or ratio',
  )
  .refine((q) => [q.good, q.total, q.ratio].every((query) => query === undefined || query.includes('{{window}}')), {
    message: 'each query must contain {{window}}, where teamops puts the window it measures ([{{window}}])',
  });

const service = z
  .object({
    /** In the talk's style: "We'll handle /login API requests in under 50ms, 99% of the time." */
    description: z.string().min(1).optional(),
    objective: percent.refine((value) => parseObjective(value) !== undefined, `expected ${OBJECTIVE_EXAMPLE}`),
    window: duration.default('28d'),
    sli,
    /** This service's people where they differ from slo.personas. */
    personas: personas.default({}),
  })
  .strict();

const rule = z
  .object({
    name: z.string().min(1),
    when: z
      .object({
        /** Less than this share of the window's error budget is left (`25%`; `0%`: the budget is spent). */
        budget_remaining_below: percent
          .refine((value) => /^-?\d+(\.\d+)?\s*%?$/.test(String(value).trim()), 'expected a percentage such as 25%')
          .optional(),
        /** The budget burns faster than this many times the sustainable rate over `window`. */
        burn_rate_above: z.number().positive().optional(),
        window: duration.optional(),
      })
      .strict()
      .refine((when) => (when.budget_remaining_below !== undefined) !== (when.burn_rate_above !== undefined), {
        message: 'give either budget_remaining_below or burn_rate_above',
      })
      .refine((when) => when.burn_rate_above === undefined || when.window !== undefined, {
        message: 'burn_rate_above needs the window it is measured over (window: 1h)',
      }),
    /** What the team does, for the Handle error budget issue. */
    action: z.string().min(1),
  })
  .strict();

const step = z
  .object({
    /** Default: the title as a slug. `handle-error-budget` and `recalibrate-planning` are the steps slo budget and slo recalibrate follow. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes')
      .optional(),
    step: z.string().min(1),
    phase: z.enum(PHASES),
    raci: z.record(z.string(), z.enum(RACI_LETTERS)),
  })
  .strict();

/** `slo:` in teamops.yml. */
export const sloSection = z
  .object({
    /** Where the SLO issues go. */
    project: z.string().min(1).optional(),
    prometheus: z
      .object({
        /** The API base: Prometheus, Thanos Query, or Mimir's `/prometheus`. The token comes from PROMETHEUS_TOKEN only. */
        url: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL such as https://prometheus.example.com' }).optional(),
        /** Mimir/Cortex tenant (`X-Scope-OrgID`). */
        tenant: z.string().min(1).optional(),
      })
      .strict()
      .default({}),
    personas: personas.default({}),
    /** Display names of personas a custom chart adds. */
    persona_names: z.record(z.string(), z.string().min(1)).default({}),
    burn_rate_windows: z.array(duration).default(['1h', '6h', '3d']),
    services: z
      .record(z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'expected a service name of letters, digits, . _ -'), service)
      .default({}),
    /** Replaces the bundled error budget policy. */
    policy: z.array(rule).min(1).optional(),
    /** Replaces the bundled RACI chart. */
    chart: z.array(step).min(1).optional(),
  })
  .strict();

export type SloSection = z.infer<typeof sloSection>;
