// tsyringe refuses to load without the Reflect metadata polyfill; this module is the only
// runtime importer of tsyringe, so the polyfill is imported here, once, before it.
import 'reflect-metadata';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';

export type { DependencyContainer };

/** A child of tsyringe's global container per kernel, so registrations never leak between kernels. */
export function createKernelContainer(): DependencyContainer {
  return rootContainer.createChildContainer();
}
