import type { Request, Response } from 'express';
import type { Actor } from '@tripartite/common';
import type { Loaders } from './loaders';

export interface GqlContext {
  req: Request & { actor?: Actor | null };
  res?: Response;
  loaders: Loaders;
}
