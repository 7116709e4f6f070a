import { describe, expect, it } from 'vitest';
import { renderIssueBody, templateProblems } from '../../../src/rituals/common/issue-body.js';
import { TemplateError } from '../../../src/rituals/common/template-error.js';

// Templates come from projects and files: a runaway one is an error, never a hung or crashed run.
describe('template limits', () => {
  it('stops a loop of a billion iterations with a clear error', () => {
    const render = () => renderIssueBody('{% for i in (1..1000000000) %}x{% endfor %}', {}, 'Runaway');
    expect(render).toThrow(TemplateError);
    expect(render).toThrow(/^template "Runaway" is too big to render: [\w ]+ limit exceeded/);
  });

  it('stops nested loops of 10,000 × 10,000', () => {
    const template = '{% for i in (1..10000) %}{% for j in (1..10000) %}{{ i }}{{ j }}{% endfor %}{% endfor %}';
    expect(templateProblems(template, 'Nested', {})).toEqual([expect.stringMatching(/^template "Nested" is too big to render: /)]);
  });

  it('refuses a template text over a million characters before parsing it', () => {
    expect(() => renderIssueBody('x'.repeat(1_000_001), {}, 'Huge')).toThrow(
      /^template "Huge" is too big to render: parse length limit exceeded/,
    );
  });

  it('renders ordinary templates, loops included', () => {
    expect(renderIssueBody('{% for i in (1..3) %}{{ i }}{% endfor %} {{ who }}', { who: 'amara' }, 'Fine')).toBe('123 amara');
  });
});
