// The handbook asks to "link milestones and issues with their corresponding KRs". Issues are linked
// to a key result with GitLab's issue links (relates_to); a milestone cannot be linked to an issue,
// so its description carries one `Supports: group/project#12` line per key result it supports.
const SUPPORTS = /^[\s>]*(?:[-*+]\s+)?(?:\*\*|__)?supports\s*:(?:\*\*|__)?\s*(.*)$/i;
const REFERENCE = /[\w.-]+(?:\/[\w.-]+)+#\d+/g;

/** `Supports: distribution/omnibus#12` */
export function supportsLine(reference: string): string {
  return `Supports: ${reference}`;
}

/** Every key result reference named on a `Supports:` line of the text, in lower case. */
export function supportedReferences(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const match = SUPPORTS.exec(line);
    return match ? [...(match[1] ?? '').matchAll(REFERENCE)].map((m) => m[0].toLowerCase()) : [];
  });
}

/** Whether the text names the reference on a `Supports:` line (`#123` is not `#12`). */
export function supports(text: string, reference: string): boolean {
  return supportedReferences(text).includes(reference.toLowerCase());
}

/** The text with a `Supports:` line for the reference added: below the last one, else after a blank line at the end. */
export function withSupportsLine(text: string, reference: string): string {
  if (supports(text, reference)) return text;
  const lines = text.replace(/\s+$/, '').split('\n');
  const last = lines.reduce((found, line, i) => (SUPPORTS.test(line) ? i : found), -1);
  if (last >= 0) {
    lines.splice(last + 1, 0, supportsLine(reference));
    return `${lines.join('\n')}\n`;
  }
  const body = lines.join('\n');
  return body === '' ? `${supportsLine(reference)}\n` : `${body}\n\n${supportsLine(reference)}\n`;
}
