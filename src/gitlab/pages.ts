import pLimit from 'p-limit';

/** One page of a GitLab list, as gitbeaker returns it with `showExpanded`. */
export interface ListPage<T> {
  data: T[];
  paginationInfo: { totalPages: number; next: number | null };
}

/** Pages of one list requested at once after the first; the pacer and the rate limit still pace them. */
const PAGE_CONCURRENCY = 8;

/**
 * Every page of a list. The first page's X-Total-Pages says how many there are, so the rest are
 * requested concurrently rather than one `Link: rel="next"` after another. GitLab leaves
 * X-Total-Pages out when a list has more than 10,000 items (doc/api/rest/index.md, "Other
 * pagination headers"); then the pages are followed one by one through X-Next-Page.
 */
export async function allPages<T>(fetchPage: (page: number) => Promise<ListPage<T>>): Promise<T[]> {
  const first = await fetchPage(1);
  const total = first.paginationInfo.totalPages;
  if (Number.isInteger(total) && total > 1) {
    const limit = pLimit(PAGE_CONCURRENCY);
    const rest = await Promise.all(Array.from({ length: total - 1 }, (_, i) => limit(() => fetchPage(i + 2))));
    return [first, ...rest].flatMap((page) => page.data);
  }
  const pages = [first];
  for (let next = first.paginationInfo.next; next !== null;) {
    const page = await fetchPage(next);
    pages.push(page);
    next = page.paginationInfo.next;
  }
  return pages.flatMap((page) => page.data);
}
