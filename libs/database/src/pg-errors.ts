import { QueryFailedError } from 'typeorm';

/** PostgreSQL SQLSTATE of a failed query, if it is one. */
export function pgCode(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { code?: string })?.code;
  return (error as { code?: string })?.code;
}

export function pgConstraint(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { constraint?: string })?.constraint;
  return (error as { constraint?: string })?.constraint;
}

export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_SERIALIZATION_FAILURE = '40001';
export const PG_DEADLOCK = '40P01';
export const PG_LOCK_NOT_AVAILABLE = '55P03';
export const PG_INVALID_TEXT = '22P02';
/** statement_timeout cancelled the statement (the api bounds every request's statements by REQUEST_TIMEOUT_MS). */
export const PG_QUERY_CANCELED = '57014';
