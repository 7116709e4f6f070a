/**
 * One error family. Commands throw; only main.ts prints and maps to an exit code.
 * Exit codes are part of the CLI's contract (README "Exit codes", and `teamops --help`).
 */
export const ExitCode = {
  Success: 0,
  Failure: 1,
  Cancelled: 2,
  Usage: 3,
  Auth: 4,
  /** Ctrl-C (SIGINT): 128 + 2, as shells report a process the signal stopped. */
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class TeamopsError extends Error {
  readonly exitCode: ExitCode;
  readonly hint?: string;
  constructor(message: string, options: { exitCode?: ExitCode; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? ExitCode.Failure;
    this.hint = options.hint;
  }
}

/** Bad flags or arguments: names the flag and points at --help. */
export class UsageError extends TeamopsError {
  constructor(message: string, options: { hint?: string } = {}) {
    super(message, { exitCode: ExitCode.Usage, hint: options.hint });
  }
}

/** teamops.yml (or the environment it reads) is missing something or malformed. */
export class ConfigError extends TeamopsError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { exitCode: ExitCode.Usage, ...options });
  }
}

/** Input that fails validation before any write: every problem is listed together. */
export class ValidationError extends TeamopsError {
  readonly problems: string[];
  constructor(summary: string, problems: string[], options: { hint?: string } = {}) {
    super(`${summary}:\n${problems.map((p) => `  - ${p}`).join('\n')}`, { exitCode: ExitCode.Usage, ...options });
    this.problems = problems;
  }
}

export class CancelledError extends TeamopsError {
  constructor(message = 'cancelled') {
    super(message, { exitCode: ExitCode.Cancelled });
  }
}

export class AuthError extends TeamopsError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { exitCode: ExitCode.Auth, ...options });
  }
}

export class GitLabApiError extends TeamopsError {
  readonly status?: number;
  readonly method: string;
  readonly path: string;
  constructor(message: string, details: { status?: number; method: string; path: string; hint?: string; cause?: unknown }) {
    super(message, { exitCode: ExitCode.Failure, hint: details.hint, cause: details.cause });
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
  }
}

export class NetworkError extends TeamopsError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { exitCode: ExitCode.Failure, ...options });
  }
}

/** Some plan actions failed; the others were applied. A rerun finishes the job. */
export class ApplyError extends TeamopsError {
  constructor(message: string, options: { hint?: string } = {}) {
    super(message, { exitCode: ExitCode.Failure, hint: options.hint ?? 'run the same command again: it picks up where this run stopped' });
  }
}

/** Ctrl-C while applying: the writes in flight finished, no new ones started. A rerun finishes the rest. */
export class InterruptedError extends TeamopsError {
  constructor(message: string) {
    super(message, {
      exitCode: ExitCode.Interrupted,
      hint: 'run the same command again to finish the rest: it finds what this run did and creates nothing twice',
    });
  }
}

export class InternalError extends TeamopsError {
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`internal error: ${detail}`, {
      exitCode: ExitCode.Failure,
      hint: 'this is a bug in teamops; please report it with the output of the same command run with --debug',
      cause,
    });
  }
}
