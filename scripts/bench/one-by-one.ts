/**
 * The same one-by-one rollover as scripts/bench/one-by-one.py, through gitbeaker, for machines
 * without python-gitlab: list the open issues of FROM, then one PUT per issue, each waiting for
 * the one before. GITLAB_HOST and GITLAB_TOKEN come from the environment; prints the count.
 *
 *   tsx scripts/bench/one-by-one.ts GROUP PROJECT FROM TO
 */
import { GroupMilestones, Issues } from '@gitbeaker/rest';

const [group = '', project = '', from = '', to = ''] = process.argv.slice(2);
const config = { host: process.env.GITLAB_HOST ?? '', token: process.env.GITLAB_TOKEN ?? '' };
const target = (await new GroupMilestones(config).all(group)).find((m) => m.title === to);
if (!target) throw new Error(`no milestone ${to} in ${group}`);
const issues = new Issues(config);
const open = await issues.all({ projectId: project, milestone: from, state: 'opened', perPage: 100 });
for (const issue of open) await issues.edit(project, issue.iid, { milestoneId: target.id, addLabels: `missed:${from}` });
console.log(open.length);
