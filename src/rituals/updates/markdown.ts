// Updates are CommonMark, and which of their lines are prose is CommonMark's call: micromark reads
// the blocks (code, quotes, headings, HTML, lists), and every paragraph is a piece of prose.
import type { Nodes, Paragraph } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

export interface Prose {
  /**
   * The paragraph as written (inline Markdown kept, HTML comments cut out), one trimmed line each.
   * Inside a block quote, the lines after the first keep their `>`.
   */
  lines: string[];
  /** The whole source lines it is on, trimmed: with the list bullet or `>` that opens the first. */
  sourceLines: string[];
  /** Inside a block quote: someone else's words. */
  quoted: boolean;
}

const LINE_ENDING = /\r\n?|\n/;

/** Every paragraph of the document, list items and block quotes included, in order. */
export function proseOf(markdown: string): Prose[] {
  const found: Prose[] = [];
  const visit = (node: Nodes, quoted: boolean): void => {
    if (node.type === 'paragraph') {
      found.push(proseOfParagraph(node, markdown, quoted));
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child, quoted || node.type === 'blockquote');
  };
  visit(fromMarkdown(markdown), false);
  return found;
}

function proseOfParagraph(paragraph: Paragraph, markdown: string, quoted: boolean): Prose {
  const start = paragraph.position?.start.offset ?? 0;
  const end = paragraph.position?.end.offset ?? markdown.length;
  const lineStart = Math.max(markdown.lastIndexOf('\n', start - 1), markdown.lastIndexOf('\r', start - 1)) + 1;
  const lineEnd = markdown.slice(end).search(LINE_ENDING);
  const comments = commentsIn(paragraph);
  const text = (from: number, to: number) =>
    cut(markdown, from, to, comments)
      .split(LINE_ENDING)
      .map((line) => line.trim());
  return { lines: text(start, end), sourceLines: text(lineStart, lineEnd === -1 ? markdown.length : end + lineEnd), quoted };
}

/** The source ranges of the HTML comments inside a paragraph (`<!-- todo -->`), which readers never see. */
function commentsIn(node: Nodes): Array<[number, number]> {
  if (node.type === 'html' && node.value.startsWith('<!--')) return [[node.position?.start.offset ?? 0, node.position?.end.offset ?? 0]];
  return 'children' in node ? node.children.flatMap((child) => commentsIn(child)) : [];
}

function cut(text: string, from: number, to: number, holes: Array<[number, number]>): string {
  let result = '';
  let at = from;
  for (const [holeStart, holeEnd] of holes) {
    result += text.slice(at, holeStart);
    at = holeEnd;
  }
  return result + text.slice(at, to);
}
