/** The contract's error codes (schema.graphql header). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  DEADLINE_PASSED = 'DEADLINE_PASSED',
  TRANSITION_BLOCKED = 'TRANSITION_BLOCKED',
  RATE_LIMITED = 'RATE_LIMITED',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export interface FieldError {
  field: string;
  message: string;
}

export interface BlockerInfo {
  code: string;
  message: string;
}

/** An expected failure: its code and extensions go to the client as they are. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  static unauthenticated(message = 'Authentication required'): AppError {
    return new AppError(ErrorCode.UNAUTHENTICATED, message);
  }
  static forbidden(message = 'You may not do this'): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message);
  }
  static notFound(what: string, id?: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, id ? `${what} ${id} not found` : `${what} not found`);
  }
  static badInput(fields: FieldError[], message?: string, extra: Record<string, unknown> = {}): AppError {
    return new AppError(ErrorCode.BAD_USER_INPUT, message ?? fields.map((f) => `${f.field}: ${f.message}`).join('; '), {
      fields,
      ...extra,
    });
  }
  static conflict(message = 'The record was changed by someone else; reload and try again'): AppError {
    return new AppError(ErrorCode.CONFLICT, message);
  }
  static deadlinePassed(message = 'The consultation round closed before this write'): AppError {
    return new AppError(ErrorCode.DEADLINE_PASSED, message);
  }
  static transitionBlocked(blockers: BlockerInfo[], message?: string): AppError {
    return new AppError(ErrorCode.TRANSITION_BLOCKED, message ?? `Blocked: ${blockers.map((b) => b.message).join('; ')}`, { blockers });
  }
  static rateLimited(retryAfterSeconds: number): AppError {
    return new AppError(ErrorCode.RATE_LIMITED, 'Too many requests; try again later', { retryAfterSeconds });
  }
  static queryTooComplex(what: 'depth' | 'cost' | 'aliases' | 'size' | 'nesting' | 'time', limit: number, actual: number, message?: string): AppError {
    return new AppError(ErrorCode.QUERY_TOO_COMPLEX, message ?? `Query ${what} ${actual} exceeds the limit of ${limit}`, {
      limit,
      actual,
      kind: what,
    });
  }
}

/** Collects field errors and throws them together, so a caller sees every problem at once. */
export class FieldErrors {
  private readonly list: FieldError[] = [];
  add(field: string, message: string): this {
    this.list.push({ field, message });
    return this;
  }
  check(condition: boolean, field: string, message: string): this {
    if (!condition) this.add(field, message);
    return this;
  }
  /** The problems a check returned (libs/domain's checkInstant, validateVoteCounts, ...). */
  addAll(problems: readonly FieldError[]): this {
    for (const p of problems) this.add(p.field, p.message);
    return this;
  }
  /** A checked argument's clean value, its problems added (libs/domain's checkText). */
  take<T>(checked: { value: T; problems: readonly FieldError[] }): T {
    this.addAll(checked.problems);
    return checked.value;
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  throwIfAny(extra: Record<string, unknown> = {}): void {
    if (this.any) throw AppError.badInput(this.list, undefined, extra);
  }
}
