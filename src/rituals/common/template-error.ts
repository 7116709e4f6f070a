/** A template (Liquid or a `{name}` pattern) that teamops cannot fill in; names the template. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly templateName: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}
