import type { Command } from 'commander';

/**
 * teamops' nouns, in the order `teamops --help` lists them: the rituals by cadence, then the tools.
 * Every run registers each of them with its description; only the nouns a run names get their verbs
 * and flags (src/commands/index.ts), so `teamops --help` never loads the forty commands below them.
 */
export const NOUNS = {
  okr: "the quarter's objectives and key results as linked GitLab issues",
  dri: 'the weekly DRI hand-over: rotate the role, show the schedule',
  milestone: 'end-of-milestone rituals: roll unfinished work over to the next milestone',
  labels: "hold every item to the team's label rules (labels.rules in teamops.yml)",
  update: 'async updates: write your weekly update from GitLab, collect highlights, summarise the week, see who has not posted',
  queue: "what to work on today, in the order of the Distribution handbook's prioritisation table (reads GitLab, writes nothing)",
  claims: 'list the claims people left in comments on unassigned issues; --sync labels the valid ones and frees the lapsed',
  ritual: 'recurring ritual issues from rituals: in teamops.yml (showcases, review prep, meeting agendas): open the due ones, check them',
  slo: 'SLO rituals: the lifecycle as issues (RACI chart), error budgets from Prometheus, the budget policy, quarterly recalibration',
  sandbox: 'serve a local GitLab (REST API v4) to rehearse rituals without touching your real GitLab',
  config: 'write a starter teamops.yml, and check it and the GitLab connection',
  completion: 'print a shell completion script for teamops: its commands, flags and their fixed values',
} as const;

export type Noun = keyof typeof NOUNS;

/** The noun's command under `program`: the one registered already, or a new one with its description. */
export function nounCommand(program: Command, noun: Noun): Command {
  return program.commands.find((command) => command.name() === noun) ?? program.command(noun).description(NOUNS[noun]);
}
