import type { Request, Response } from 'express';
import { Loaders } from './loaders';

/** What every resolver receives as its GraphQL context. */
export interface GqlContext {
  req: Request;
  res: Response;
  loaders: Loaders;
}
