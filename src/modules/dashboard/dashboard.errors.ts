import { Forbidden } from '../../platform/errors/domain-error';

/** A township officer asked for the county or another township's dashboard. */
export const dashboardOutOfScope = (townshipCode: string | undefined): Forbidden =>
  new Forbidden(
    townshipCode
      ? `A township officer sees only their own township's dashboard, not ${townshipCode}`
      : 'A township officer sees only their own township, not the county',
  );
