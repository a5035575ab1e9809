import { AppError } from './app-error';

/**
 * Validates a list argument `first` against the configured cap (AppConfig.GRAPHQL_MAX_FIRST).
 * Returns the page size to use: `first` itself, or `max` when the caller gave none.
 */
export function checkFirst(first: number | undefined | null, max: number, fieldName = 'first'): number {
  if (first === undefined || first === null) return max;
  if (!Number.isInteger(first) || first < 0) throw AppError.badInput([{ field: fieldName, message: 'must be a whole number, 0 or more' }]);
  if (first > max) throw AppError.badInput([{ field: fieldName, message: `must be at most ${max}` }]);
  return first;
}
