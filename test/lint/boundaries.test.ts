import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The folder boundaries of the README's Development section are lint rules. Each case lints a small
// file as if it lived in that folder, with the project's own eslint.config.js: the lines that break
// a boundary must be reported, and the file that keeps to it must pass, so these tests can fail.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Type-aware rules need the file to exist in a tsconfig; the boundaries do not.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
    },
  },
});

async function reported(filePath: string, code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId !== '@typescript-eslint/no-unused-vars').map((m) => m.line);
}

describe('the folder boundaries', () => {
  it.each([
    {
      folder: 'src/rituals/okr',
      bad: [
        "import { readFileSync } from 'fs';",
        "import { homedir } from 'node:os';",
        "import { Gitlab } from '@gitbeaker/rest';",
        "import chalk from 'chalk';",
        "import { createSandbox } from '@teamops/gitlab-sandbox';",
        "import { openContext } from '../../commands/common/context.js';",
        "import { createGitLab } from '../../gitlab/gitbeaker-adapter.js';",
        "import { applyPlan } from '../../plan/apply-plan.js';",
        "import { loadConfig } from '../../config/load-config.js';",
        "import { printLine } from '../../io/output.js';",
        "import { createPrometheus } from '../../prometheus/client.js';",
        'export const home = process.env.HOME;',
        'export const today = new Date();',
        'export const stamp = Date.now();',
      ],
      good: [
        "import type { TeamIssue } from '../../gitlab/port.js';",
        "import type { Plan } from '../../plan/plan.js';",
        "import { counted } from '../common/text.js';",
        "export const day = new Date('2026-11-16');",
      ],
    },
    {
      folder: 'src/commands/okr',
      bad: [
        "import chalk from 'chalk';",
        "import { Issues } from '@gitbeaker/rest';",
        "import { select } from '@inquirer/prompts';",
        "import { createProgram } from '../../cli/create-program.js';",
        "import { createSandbox } from '@teamops/gitlab-sandbox';",
        "import { splitKey } from '../../gitlab/keys.js';",
      ],
      good: [
        "import { readFileSync } from 'node:fs';",
        "import { emitAndApply } from '../common/apply-flow.js';",
        "import type { GitLabReader } from '../../gitlab/port.js';",
      ],
    },
    {
      folder: 'src/commands/sandbox',
      bad: ["import chalk from 'chalk';", "import { runProgram } from '../../cli/run-program.js';"],
      good: ["import { createSandbox } from '@teamops/gitlab-sandbox';"],
    },
    {
      folder: 'src/gitlab',
      bad: [
        "import chalk from 'chalk';",
        "import { planDocument } from '../plan/plan-json.js';",
        "import { counted } from '../rituals/common/text.js';",
        "import { emitAndApply } from '../commands/common/apply-flow.js';",
        "import { printLine } from '../io/output.js';",
      ],
      good: ["import { Issues } from '@gitbeaker/rest';", "import { request } from 'undici';", "import type { Clock } from '../clock.js';"],
    },
    {
      folder: 'src/prometheus',
      bad: [
        "import chalk from 'chalk';",
        "import { Issues } from '@gitbeaker/rest';",
        "import { planDocument } from '../plan/plan-json.js';",
        "import { counted } from '../rituals/common/text.js';",
        "import { printLine } from '../io/output.js';",
      ],
      good: ["import { request } from 'undici';", "import { AuthError } from '../errors.js';"],
    },
    {
      folder: 'src/plan',
      bad: [
        "import chalk from 'chalk';",
        "import { writeFileSync } from 'node:fs';",
        "import { createGitLab } from '../gitlab/gitbeaker-adapter.js';",
        "import { select } from '@inquirer/prompts';",
      ],
      good: ["import type { GitLabWriter } from '../gitlab/port.js';", "import pLimit from 'p-limit';"],
    },
    {
      folder: 'src/io',
      bad: [
        "import { Issues } from '@gitbeaker/rest';",
        "import { select } from '@inquirer/prompts';",
        "import { openContext } from '../commands/common/context.js';",
      ],
      good: ["import chalk from 'chalk';"],
    },
    {
      folder: 'src/prompts',
      bad: ["import chalk from 'chalk';", "import { Issues } from '@gitbeaker/rest';"],
      good: ["import { select } from '@inquirer/prompts';"],
    },
    {
      folder: 'packages/gitlab-sandbox/src',
      bad: ["import { runProgram } from '../../../src/cli/run-program.js';", "import { main } from 'teamops';"],
      good: ["import { parse } from 'yaml';"],
    },
  ])('$folder', async ({ folder, bad, good }) => {
    const file = `${folder}/__boundary_fixture__.ts`;
    const code = [...bad, ...good].join('\n');
    expect(await reported(file, code)).toEqual(bad.map((_, index) => index + 1));
  });
});
