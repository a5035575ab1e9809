import type { Request, Response } from 'express';
import type { Actor } from '@tripartite/common';
import type { ExecutionBudget } from './execution-budget';
import type { Loaders } from './loaders';

export interface GqlContext {
  req: Request & { actor?: Actor | null };
  res?: Response;
  loaders: Loaders;
  /** HTTP operations only: the request's deadline and execution slices. */
  budget?: ExecutionBudget;
}
