// One teamops run for `npm run bench`, from the build (dist/bundle/, as bin/teamops.cjs runs it, not
// through tsx), reporting wall time, CPU, peak RSS and the connection's request count as JSON on fd 3.
// `--fixed` first holds the concurrency at --concurrency (the connection's `adaptive: false`), to
// compare the controller with fixed levels.
//
//   node scripts/bench/teamops-run.js [--fixed] <teamops arguments>
import { writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createProcessDeps, runProgram } from '../../dist/bundle/teamops.cjs';

const argv = process.argv.slice(2);
const fixed = argv[0] === '--fixed';
const args = fixed ? argv.slice(1) : argv;
const deps = createProcessDeps({ env: { ...process.env }, cwd: process.cwd() });
let connection;
const connect = deps.connect;
deps.connect = (settings) => {
  connection = connect(fixed ? { ...settings, adaptive: false } : settings);
  return connection;
};
const started = performance.now();
const cpu = process.cpuUsage();
const exitCode = await runProgram(args, deps);
const used = process.cpuUsage(cpu);
const report = {
  exitCode,
  wallMs: performance.now() - started,
  cpuMs: (used.user + used.system) / 1000,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  stats: connection?.stats() ?? null,
};
writeSync(3, `${JSON.stringify(report)}\n`);
