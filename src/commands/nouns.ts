import type { Command } from 'commander';

/**
 * teamops' nouns that group verbs (`okr create`, `dri rotate`…), with their descriptions. Every run
 * registers each of them; only the nouns a run names get their verbs and flags (src/commands/index.ts),
 * so `teamops --help` never loads the forty commands below them.
 */
export const NOUNS = {
  okr: "the quarter's objectives and key results as linked GitLab issues",
  dri: 'the weekly DRI hand-over: rotate the role, show the schedule',
  milestone: 'end-of-milestone rituals: roll unfinished work over to the next milestone',
  labels: "hold every item to the team's label rules (labels.rules in teamops.yml)",
  update: 'async updates: write your weekly update from GitLab, collect highlights, summarise the week, see who has not posted',
  ritual: 'recurring ritual issues from rituals: in teamops.yml (showcases, review prep, meeting agendas): open the due ones, check them',
  slo: 'SLO rituals: the lifecycle as issues (RACI chart), error budgets from Prometheus, the budget policy, quarterly recalibration',
  config: 'write a starter teamops.yml, and check it and the GitLab connection',
} as const;

export type Noun = keyof typeof NOUNS;

/** The noun's command under `program`, with its description: its verbs are added to it, or none when the run does not name it. */
export function nounCommand(program: Command, noun: Noun): Command {
  return program.command(noun).description(NOUNS[noun]);
}
