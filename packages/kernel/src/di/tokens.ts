import type { InjectionToken } from 'tsyringe';

/*
 * Explicit injection tokens: esbuild (tsx, tsup, vitest) emits no decorator metadata, so
 * nothing in Kaoping is resolved by constructor type. Resolve with `kernel.container.resolve(TOKEN)`.
 */

/** The `Store` given to createKernel (registered only when one was given). */
export const STORE: InjectionToken = Symbol('kaoping.store');
/** `() => number`: epoch ms. */
export const CLOCK: InjectionToken = Symbol('kaoping.clock');
/** The kernel `Logger`. */
export const LOGGER: InjectionToken = Symbol('kaoping.logger');
/** The kernel's mitt bus (`KernelBus`). */
export const BUS: InjectionToken = Symbol('kaoping.bus');
/** The validated `KaopingConfig`. */
export const CONFIG: InjectionToken = Symbol('kaoping.config');
/** The `PluginRegistry` (plugin records, status). */
export const REGISTRY: InjectionToken = Symbol('kaoping.registry');
/** The `Directory` (org tree and people). */
export const DIRECTORY: InjectionToken = Symbol('kaoping.directory');
/** The `StateTable` of the incremental path. */
export const STATES: InjectionToken = Symbol('kaoping.states');
/** The `Kernel` itself, for services registered later that need it. */
export const KERNEL: InjectionToken = Symbol('kaoping.kernel');
