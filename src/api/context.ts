import type { Principal, RequestMeta } from '../domain/principal';
import type { Services } from '../services';
import type { Loaders } from './loaders';

/** Per-request state. The principal comes from the Authorization header, never from arguments. */
export interface ApiContext {
  principal: Principal;
  /**
   * Present when the principal was let in ahead of its check (AuthService.begin): true once the check agrees. Reads
   * need not wait for it (the HTTP front answers nothing before it); anything that acts or writes must.
   */
  confirmed?: Promise<boolean>;
  meta: RequestMeta;
  loaders: Loaders;
  services: Services;
}
