import type { Principal, RequestMeta } from '../domain/principal';
import type { Services } from '../services';
import type { Loaders } from './loaders';

/** Per-request state. The principal comes from the Authorization header, never from arguments. */
export interface ApiContext {
  principal: Principal;
  meta: RequestMeta;
  loaders: Loaders;
  services: Services;
}
