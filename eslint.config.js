import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

// The house style's boundaries: only src/gitlab talks to gitbeaker, only src/io colours,
// only src/prompts asks, only src/commands/sandbox starts the sandbox, and rituals stay pure.
const gitbeaker = { group: ['@gitbeaker/*'], message: 'Only src/gitlab/ may import gitbeaker.' };
const chalk = { group: ['chalk'], message: 'Only src/io/ may import chalk.' };
const inquirer = { group: ['@inquirer/*', 'inquirer'], message: 'Only src/prompts/ may import inquirer.' };
const sandbox = { group: ['@teamops/gitlab-sandbox', '@teamops/gitlab-sandbox/*'], message: 'Only src/commands/sandbox/ may import the sandbox.' };
const sideEffects = {
  group: ['node:fs', 'node:fs/*', 'node:http', 'node:net', 'node:child_process', '../gitlab/*', '../io/*', '../prompts/*', '../config/*'],
  message: 'src/rituals/ is pure planning: no I/O, GitLab, prompts or config loading.',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/**/*.ts'], ignores: ['src/gitlab/**', 'src/io/**', 'src/prompts/**', 'src/rituals/**', 'src/commands/sandbox/**'], rules: restrict([gitbeaker, chalk, inquirer, sandbox]) },
  { files: ['src/commands/sandbox/**/*.ts'], rules: restrict([gitbeaker, chalk, inquirer]) },
  { files: ['src/gitlab/**/*.ts'], rules: restrict([chalk, inquirer, sandbox]) },
  { files: ['src/io/**/*.ts'], rules: restrict([gitbeaker, inquirer, sandbox]) },
  { files: ['src/prompts/**/*.ts'], rules: restrict([gitbeaker, chalk, sandbox]) },
  { files: ['src/rituals/**/*.ts'], rules: restrict([gitbeaker, chalk, inquirer, sandbox, sideEffects]) },
  {
    files: ['src/rituals/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Planners take `today` as an argument.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Planners take `today` as an argument.' },
      ],
    },
  },
  { files: ['test/**/*.ts', 'packages/*/test/**/*.ts'], rules: { ...restrict([{ group: ['vitest'], importNames: ['vi'], message: 'No mocks: drive the sandbox.' }]) } },
  { files: ['bin/**/*.js', 'scripts/**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
