// Every SLO issue carries a key under `slo/<service>/`, so one search finds a service's issues:
// `lifecycle/<step>` for the chart's steps, `error-budget/<n>` for the n-th budget episode (its
// recovery comment `…/recovered`), and `recalibrate/<quarter>` for the quarterly recalibration.
import type { Phase } from './chart.js';

export const serviceKeyPrefix = (service: string) => `slo/${service}/`;
export const lifecycleKey = (service: string, stepId: string) => `slo/${service}/lifecycle/${stepId}`;
export const episodeKeyPrefix = (service: string) => `slo/${service}/error-budget/`;
export const episodeKey = (service: string, number: number) => `${episodeKeyPrefix(service)}${number}`;
export const recoveryKey = (episode: string) => `${episode}/recovered`;
export const recalibrationKey = (service: string, quarter: string) => `slo/${service}/recalibrate/${quarter}`;

/** The episode number of an error-budget key, or undefined for any other key. */
export function episodeNumber(service: string, key: string): number | undefined {
  const rest = key.startsWith(episodeKeyPrefix(service)) ? key.slice(episodeKeyPrefix(service).length) : '';
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
}

export const phaseLabel = (phase: Phase) => `slo::${phase}`;
export const serviceLabel = (service: string) => `slo-service::${service}`;
