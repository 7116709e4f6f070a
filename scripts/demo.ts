/**
 * `npm run demo`: starts the GitLab sandbox in-process with its demo organisation and runs each
 * ritual as a user would (dry run, apply, then a rerun that finds nothing left to do).
 */
import { appendFileSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSandbox } from '@teamops/gitlab-sandbox';
import { runTeamops } from './demo/harness.js';
import { sloDemo } from './demo/slo.js';
import { demoSteps } from './demo/steps.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const bold = (text: string) => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[22m` : text);

async function demo(): Promise<number> {
  const sandbox = await createSandbox({ seed: 'demo' });
  const cwd = mkdtempSync(path.join(tmpdir(), 'teamops-demo-'));
  copyFileSync(path.join(here, 'demo', 'teamops.yml'), path.join(cwd, 'teamops.yml'));
  const env = { ...process.env, GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token, CI: 'true' };
  console.log(bold(`teamops demo: a GitLab sandbox with a demo organisation is running at ${sandbox.url}`));
  console.log(`(Try it yourself: npx teamops sandbox --seed demo, then export the two lines it prints.)\n`);
  // The SLO rituals need a real Prometheus; without one the demo says how to get it.
  const slo = await sloDemo();
  if ('config' in slo) appendFileSync(path.join(cwd, 'teamops.yml'), slo.config);
  let failures = 0;
  try {
    for (const step of [...demoSteps(sandbox.now()), ...('steps' in slo ? slo.steps : [])]) {
      console.log(bold(`\n━━ ${step.title} ━━`));
      for (const run of step.runs) {
        if (run.note) console.log(`\n# ${run.note}`);
        console.log(bold(`$ teamops ${run.args.join(' ')}`));
        const code = await runTeamops(run.args, { cwd, env: { ...env, ...run.env } });
        if (code !== 0) console.log(`(exit code ${code})`);
        if (code !== (run.exitCode ?? 0)) failures += 1;
      }
    }
    if ('missing' in slo) console.log(bold(`\n━━ SLO rituals ━━\n`) + slo.missing);
    const stats = sandbox.stats();
    console.log(
      bold(
        `\nDone: the sandbox served ${stats.total} requests (${Object.entries(stats.requests)
          .map(([m, n]) => `${m} ${n}`)
          .join(', ')}).`,
      ),
    );
  } finally {
    if ('stop' in slo) await slo.stop();
    await sandbox.stop();
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = await demo();
