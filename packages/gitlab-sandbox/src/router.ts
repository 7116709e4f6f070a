// A route table of (method, pattern, handler). Patterns use `:name` segments that match one
// path segment of the *raw* (still percent-encoded) path, which is how GitLab routes
// `projects/group%2Fproject` as one id while a literal `/` matches nothing.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route<H> {
  readonly method: HttpMethod;
  readonly pattern: string;
  readonly handler: H;
  readonly regex: RegExp;
  readonly names: readonly string[];
}

export interface RouteMatch<H> {
  readonly handler: H;
  readonly pathParams: Record<string, string>;
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: HttpMethod, pattern: string, handler: H): this {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return escapeRegex(segment);
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern, handler, regex: new RegExp(`^${source}/?$`), names });
    return this;
  }

  match(method: string, rawPath: string): RouteMatch<H> | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.regex.exec(rawPath);
      if (!found) continue;
      const pathParams: Record<string, string> = {};
      route.names.forEach((name, index) => {
        pathParams[name] = safeDecode(found[index + 1] ?? '');
      });
      return { handler: route.handler, pathParams };
    }
    return undefined;
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
