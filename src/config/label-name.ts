import { z } from 'zod';

// GitLab takes a list of labels as one comma-separated parameter, and refuses commas in label
// names (app/models/label.rb: `format: { with: /\A[^,]+\z/ }`): a comma would make one label two,
// added again on every run.
export const labelName = z
  .string()
  .trim()
  .min(1)
  .refine((name) => !name.includes(','), 'a label name cannot contain a comma (GitLab would read it as two labels)')
  .refine((name) => !/\p{Cc}/u.test(name), 'a label name cannot contain control characters or line breaks');
