import type { Deps } from '../../deps.js';
import { ConfigError, ExitCode, TeamopsError, ValidationError } from '../../errors.js';
import { PrometheusError, type PrometheusReader } from '../../prometheus/client.js';
import { budgetStatus, type BudgetStatus, type WindowReading } from '../../rituals/slo/budget.js';
import { pickServices, sloSettings, type SloService, type SloSettings } from '../../rituals/slo/settings.js';
import { counted } from '../../rituals/common/text.js';
import { isEmpty, type Plan } from '../../plan/plan.js';
import type { CommandContext } from '../common/context.js';

/** slo: from teamops.yml, with the services a command works on; every problem at once. */
export function loadSlo(
  context: CommandContext,
  doing: string,
  service: string | undefined,
  check: (settings: SloSettings, services: SloService[]) => string[] = () => [],
): { settings: SloSettings; services: SloService[] } {
  const { settings, problems } = sloSettings(context.config.slo);
  const picked = pickServices(settings, service);
  const all = [...problems, ...picked.problems, ...check(settings, picked.services)];
  if (all.length > 0) {
    throw new ValidationError(`${doing}: found ${counted(all.length, 'problem')} in teamops.yml`, all, {
      hint: 'nothing was written; see "SLO rituals" in the README for the slo: keys',
    });
  }
  return { settings, services: picked.services };
}

export function openPrometheus(context: CommandContext, deps: Deps, settings: SloSettings): PrometheusReader {
  const { url, tenant } = settings.prometheus;
  if (!url) {
    throw new ConfigError('slo.prometheus.url is not set', {
      hint: 'set it in teamops.yml to your Prometheus (or Thanos, or Mimir under /prometheus); a token goes in PROMETHEUS_TOKEN',
    });
  }
  const token = deps.env.PROMETHEUS_TOKEN?.trim() || undefined;
  return deps.prometheus({ url, token, tenant, log: context.globals.debug ? context.debug : undefined });
}

const withWindow = (query: string, window: string) => query.split('{{window}}').join(window);

async function query(prometheus: PrometheusReader, service: SloService, promql: string, at: Date): Promise<number> {
  try {
    return await prometheus.queryNumber(promql, at);
  } catch (error) {
    if (!(error instanceof PrometheusError)) throw error;
    // Whose SLI, and which query: the reader has to find it in teamops.yml.
    throw new TeamopsError(`cannot read the SLI of service ${service.name}: ${error.message}\n  query: ${promql}`, {
      exitCode: error.problem === 'unreachable' || error.problem === 'http' ? error.exitCode : ExitCode.Usage,
      hint: error.hint,
      cause: error,
    });
  }
}

/** Every promise's value, or the first failure in the given order (not the first to fail in time), so errors are stable. */
async function allInOrder<T>(promises: Array<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}

async function readWindow(prometheus: PrometheusReader, service: SloService, window: string, at: Date): Promise<WindowReading> {
  const { sli } = service;
  if (sli.kind === 'ratio') return { window, ratio: await query(prometheus, service, withWindow(sli.ratio, window), at) };
  const [good, total] = await allInOrder([
    query(prometheus, service, withWindow(sli.good, window), at),
    query(prometheus, service, withWindow(sli.total, window), at),
  ]);
  return { window, good: good!, total: total! };
}

/** Each service's budget over its window and its burn rates, read at `at`. */
export async function readBudgets(
  prometheus: PrometheusReader,
  settings: SloSettings,
  services: SloService[],
  at: Date,
): Promise<BudgetStatus[]> {
  return allInOrder(
    services.map(async (service) => {
      const [window, ...burns] = await allInOrder(
        [service.window, ...settings.burnWindows].map((window) => readWindow(prometheus, service, window, at)),
      );
      return budgetStatus(service, window!, burns);
    }),
  );
}

/** What is already in place (an open episode, this quarter's issue), told on stderr when the plan is empty; otherwise the plan shows it. */
export function unchangedNotes(plan: Plan, context: CommandContext): string[] {
  return context.globals.dryRun || !isEmpty(plan) ? [] : plan.unchanged.map((entry) => entry.summary);
}
