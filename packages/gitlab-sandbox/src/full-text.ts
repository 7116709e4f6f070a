import snowball from 'snowball-stemmers';

// GitLab searches issues with PostgreSQL full-text search (app/models/concerns/pg_full_text_searchable.rb):
// title (weight A) and description (weight B) become a tsvector with the 'english' configuration,
// and the search text a tsquery in which every term is a prefix (`term:*`), quoted phrases are
// adjacent words (`a <-> b`), and all terms must match (`&`). PostgreSQL's english configuration
// lowercases, drops the stop words of its english.stop list and stems with Snowball's English
// (Porter2) stemmer, the same stemmer used here. IssuableFinder uses it only for searches made of
// Latin characters (FULL_TEXT_SEARCH_TERM_REGEX); anything else falls back to substring matching.

const stemmer = snowball.newStemmer('english');

/** PostgreSQL's tsearch_data/english.stop. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its ' +
    'itself they them their theirs themselves what which who whom this that these those am is are was were be been being have ' +
    'has had having do does did doing a an the and but if or because as until while of at by for with about against between ' +
    'into through during before after above below to from up down in out on off over under again further then once here there ' +
    'when where why how all any both each few more most other some such no nor not only own same so than too very s t can will ' +
    'just don should now'
  ).split(' '),
);

/** Characters outside IssuableFinder::FULL_TEXT_SEARCH_TERM_PATTERN (`[\u0000-\u02FF\u1E00-\u1EFF\u2070-\u218F]`). */
const OUTSIDE_FULL_TEXT_SEARCH = /[\u0300-\u1DFF\u1F00-\u206F\u2190-\u{10FFFF}]/u;
const LONG_WORDS = /[A-Za-z0-9+/@]{50,}/g;
const URL_SCHEME = /(?<=^|\W)\w+:\/\/(?=\w+)/g;
const TSQUERY_DISALLOWED = /[^a-zA-Z0-9 .@/\-"]/g;

export function usesFullTextSearch(search: string): boolean {
  return !OUTSIDE_FULL_TEXT_SEARCH.test(search);
}

/** ActiveSupport::Inflector.transliterate: accents dropped, other non-ASCII letters become "?". */
function transliterate(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{ASCII}]/gu, '?');
}

/** Words as PostgreSQL's default parser splits them (letters and digits), lowercased, in order. */
function words(text: string): string[] {
  return (
    transliterate(text)
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? []
  );
}

/** A word's lexeme, or null for a stop word (which still takes a position, as in PostgreSQL). */
function lexeme(word: string): string | null {
  return STOP_WORDS.has(word) ? null : stemmer.stem(word);
}

export type SearchColumn = 'title' | 'description';

/** Positions of lexemes in `to_tsvector(title) || to_tsvector(description)`, per column. */
export interface SearchVector {
  readonly lexemes: ReadonlyArray<{ lexeme: string; position: number; column: SearchColumn }>;
}

export function searchVector(title: string, description: string | null): SearchVector {
  const lexemes: Array<{ lexeme: string; position: number; column: SearchColumn }> = [];
  let position = 0;
  for (const [column, text] of [
    ['title', title],
    ['description', description ?? ''],
  ] as const) {
    const cleaned = text.replace(LONG_WORDS, ' ');
    for (const word of words(cleaned)) {
      position += 1;
      const found = lexeme(word);
      if (found !== null) lexemes.push({ lexeme: found, position, column });
    }
  }
  return { lexemes };
}

type QueryTerm = { kind: 'prefix'; lexemes: string[] } | { kind: 'phrase'; steps: Array<{ lexeme: string; offset: number }> };

/** `build_tsquery`, then `to_tsquery('english', ...)`: terms without any lexeme (stop words) drop out. */
export function parseSearch(search: string): QueryTerm[] {
  const cleaned = transliterate(search.replace(URL_SCHEME, '')).replace(TSQUERY_DISALLOWED, ' ');
  // Gitlab::SQL::Pattern.split_query_to_search_terms: quoted phrases stay together.
  const phrases: string[] = [];
  const rest = cleaned.replace(/"(.*?)"/g, (_match, phrase: string) => {
    phrases.push(phrase);
    return ' ';
  });
  const terms: QueryTerm[] = [];
  for (const term of rest.split(/\s+/).filter(Boolean)) {
    const lexemes = words(term)
      .map(lexeme)
      .filter((found): found is string => found !== null);
    if (lexemes.length > 0) terms.push({ kind: 'prefix', lexemes });
  }
  for (const phrase of phrases) {
    const steps: Array<{ lexeme: string; offset: number }> = [];
    words(phrase).forEach((word, offset) => {
      const found = lexeme(word);
      if (found !== null) steps.push({ lexeme: found, offset });
    });
    if (steps.length > 0) terms.push({ kind: 'phrase', steps });
  }
  return terms;
}

/** `search_vector @@ query`, restricted to `columns` (the `in` parameter) when given. An empty query matches nothing. */
export function matchesSearch(vector: SearchVector, terms: readonly QueryTerm[], columns: ReadonlySet<SearchColumn>): boolean {
  if (terms.length === 0) return false;
  const lexemes = columns.size === 0 ? vector.lexemes : vector.lexemes.filter((entry) => columns.has(entry.column));
  return terms.every((term) => {
    if (term.kind === 'prefix') return term.lexemes.every((prefix) => lexemes.some((entry) => entry.lexeme.startsWith(prefix)));
    const [first, ...others] = term.steps;
    if (!first) return false;
    return lexemes.some(
      (start) =>
        start.lexeme === first.lexeme &&
        others.every((step) =>
          lexemes.some((entry) => entry.lexeme === step.lexeme && entry.position === start.position + step.offset - first.offset),
        ),
    );
  });
}
