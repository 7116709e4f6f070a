import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layering the README's Development section describes, as lint rules. Each folder of src/
// lists what it may not import; a type-only import of the GitLab port's vocabulary is allowed
// where the folder only needs its types. (Flat config does not merge a rule's options across
// blocks, so each folder gets its whole list.)
const forbid = {
  gitbeaker: { group: ['@gitbeaker/*'], message: 'Only src/gitlab/ may import gitbeaker.' },
  undici: { group: ['undici'], message: 'Only src/gitlab/ (GitLab) and src/prometheus/ (Prometheus) talk HTTP.' },
  chalk: { group: ['chalk'], message: 'Only src/io/ may colour output.' },
  inquirer: { group: ['@inquirer/*', 'inquirer'], message: 'Only src/prompts/ may ask questions.' },
  sandbox: {
    group: ['@teamops/gitlab-sandbox', '@teamops/gitlab-sandbox/*'],
    message: 'Only src/commands/sandbox/ may start the sandbox.',
  },
  nodeIO: {
    group: [
      'fs',
      'fs/*',
      'node:fs',
      'node:fs/*',
      'os',
      'node:os',
      'http',
      'node:http',
      'https',
      'node:https',
      'net',
      'node:net',
      'child_process',
      'node:child_process',
      'process',
      'node:process',
    ],
    message: 'No I/O here: read files and the environment in the command, and pass the text down.',
  },
  cli: { group: ['**/cli/*', '**/cli/**'], message: 'Only src/main.ts imports src/cli/; nothing below it may import it back.' },
  commands: { group: ['**/commands/*', '**/commands/**'], message: 'Commands sit on top: nothing below them may import them.' },
  gitlabValues: {
    group: ['**/gitlab/*', '**/gitlab/**'],
    allowTypeImports: true,
    message: "Only the port's types here: GitLab is read in commands and written by applyPlan.",
  },
  keys: {
    group: ['**/gitlab/keys.js'],
    message: 'Only src/gitlab/ knows how idempotency keys are stored: read TeamIssue.key and TeamNote.key.',
  },
  rituals: { group: ['**/rituals/*', '**/rituals/**'], message: 'This layer sits below the rituals and knows nothing of them.' },
  prometheus: {
    group: ['**/prometheus/*', '**/prometheus/**'],
    allowTypeImports: true,
    message: 'Prometheus is queried in commands; rituals get the figures as data.',
  },
  plan: { group: ['**/plan/*', '**/plan/**'], message: 'This layer sits below plans and knows nothing of them.' },
  applyPlan: { group: ['**/plan/apply-plan*'], message: 'Planners produce plans; only the apply flow applies them.' },
  io: { group: ['**/io/*', '**/io/**'], message: 'No output from here: return data, and let the command print it.' },
  prompts: { group: ['**/prompts/*', '**/prompts/**'], message: 'No questions from here: commands ask, through deps.prompter.' },
  config: {
    group: ['**/config/*', '**/config/**'],
    allowTypeImports: true,
    message: 'Config is loaded by the command and passed down as data.',
  },
};

const boundary = (files, names, ignores = []) => ({
  files,
  ignores,
  rules: {
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: names.map((name) => forbid[name]) }],
  },
});

const pure = {
  'no-restricted-globals': [
    'error',
    { name: 'process', message: 'Planners are pure: the command reads the environment and passes it down.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Planners take `today` as an argument.' },
    { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Planners take `today` as an argument.' },
  ],
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
  // Type-aware rules: a promise nobody awaits loses its error; a switch over a union must cover it.
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  boundary(['src/cli/**/*.ts'], ['gitbeaker', 'undici', 'chalk', 'inquirer', 'sandbox', 'keys']),
  boundary(['src/commands/**/*.ts'], ['gitbeaker', 'undici', 'chalk', 'inquirer', 'sandbox', 'cli', 'keys'], ['src/commands/sandbox/**']),
  boundary(['src/commands/sandbox/**/*.ts'], ['gitbeaker', 'undici', 'chalk', 'inquirer', 'cli', 'keys']),
  boundary(
    ['src/config/**/*.ts'],
    ['gitbeaker', 'undici', 'chalk', 'inquirer', 'sandbox', 'cli', 'commands', 'gitlabValues', 'io', 'prompts', 'plan'],
  ),
  boundary(['src/gitlab/**/*.ts'], ['chalk', 'inquirer', 'sandbox', 'cli', 'commands', 'rituals', 'plan', 'io', 'prompts', 'config']),
  boundary(
    ['src/prometheus/**/*.ts'],
    ['gitbeaker', 'chalk', 'inquirer', 'sandbox', 'cli', 'commands', 'gitlabValues', 'rituals', 'plan', 'io', 'prompts', 'config'],
  ),
  boundary(
    ['src/io/**/*.ts'],
    ['gitbeaker', 'undici', 'inquirer', 'sandbox', 'cli', 'commands', 'gitlabValues', 'rituals', 'prompts', 'config'],
  ),
  boundary(['src/prompts/**/*.ts'], ['gitbeaker', 'undici', 'chalk', 'sandbox', 'cli', 'commands', 'gitlabValues', 'rituals', 'config']),
  boundary(
    ['src/plan/**/*.ts'],
    ['gitbeaker', 'undici', 'chalk', 'inquirer', 'sandbox', 'nodeIO', 'cli', 'commands', 'gitlabValues', 'rituals', 'prompts', 'config'],
  ),
  boundary(
    ['src/rituals/**/*.ts'],
    [
      'gitbeaker',
      'undici',
      'chalk',
      'inquirer',
      'sandbox',
      'nodeIO',
      'cli',
      'commands',
      'gitlabValues',
      'io',
      'prompts',
      'config',
      'applyPlan',
      'prometheus',
    ],
  ),
  { files: ['src/rituals/**/*.ts', 'src/plan/**/*.ts'], rules: pure },
  // The sandbox package is its own world: it may not import teamops at all.
  {
    files: ['packages/gitlab-sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['teamops', '**/src/*', '../../../*'], message: 'The sandbox knows nothing of teamops.' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'packages/*/test/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vitest', importNames: ['vi'], message: 'No mocks: drive the sandbox.' }] }],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['bin/**/*.js', 'scripts/**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  // The binary is CommonJS (see bin/teamops.cjs).
  {
    files: ['bin/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
