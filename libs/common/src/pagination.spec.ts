import { AppError, ErrorCode } from './app-error';
import { checkFirst } from './pagination';

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('checkFirst', () => {
  it('passes a page size within the cap through', () => {
    expect(checkFirst(0, 200)).toBe(0);
    expect(checkFirst(50, 200)).toBe(50);
    expect(checkFirst(200, 200)).toBe(200);
  });

  it('uses the cap when no size is given', () => {
    expect(checkFirst(undefined, 200)).toBe(200);
    expect(checkFirst(null, 120)).toBe(120);
  });

  it('refuses a size above the cap with BAD_USER_INPUT naming the argument', () => {
    const error = failure(() => checkFirst(201, 200));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.extensions.fields).toEqual([{ field: 'first', message: 'must be at most 200' }]);
  });

  it('refuses a negative or fractional size', () => {
    expect(failure(() => checkFirst(-1, 200)).extensions.fields).toEqual([{ field: 'first', message: 'must be a whole number, 0 or more' }]);
    expect(failure(() => checkFirst(1.5, 200)).code).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('names the argument it was given', () => {
    expect(failure(() => checkFirst(1000, 100, 'pageSize')).extensions.fields).toEqual([{ field: 'pageSize', message: 'must be at most 100' }]);
  });
});
