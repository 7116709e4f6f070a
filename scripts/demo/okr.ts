import { fileURLToPath } from 'node:url';
import type { DemoStep } from './harness.js';

// The example OKR file that ships with teamops: three objectives with three key results each.
const okrFile = fileURLToPath(new URL('../../templates/okrs.example.yml', import.meta.url));

export const okrSteps: DemoStep[] = [
  {
    title: "OKRs: the quarter's objectives and key results as linked issues",
    runs: [
      {
        note: 'Preview: 3 objectives and 9 key results, each key result linked to its objective',
        args: ['okr', 'create', '--file', okrFile, '--dry-run'],
      },
      { note: 'Create them', args: ['okr', 'create', '--file', okrFile, '--yes'] },
      { note: 'Run it again: everything is already in place', args: ['okr', 'create', '--file', okrFile] },
      {
        note: 'The quarter at a glance: targets, current values and scores read from the key results',
        args: ['okr', 'status', '--quarter', 'FY27-Q1'],
      },
    ],
  },
];
