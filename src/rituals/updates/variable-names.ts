import type { UpdateVariables } from './variables.js';

// Apart from variables.ts, which loads the template engine: `update print --help` lists these.
/** Every variable a template can use, for the help text, the README and error messages. */
export const UPDATE_VARIABLES: readonly (keyof UpdateVariables)[] = [
  'allocation',
  'author',
  'issues_closed',
  'issues_in_progress',
  'issues_slipped',
  'key_results',
  'merge_requests_merged',
  'period',
  'quarter',
  'scope',
  'template',
];
