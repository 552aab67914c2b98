import type { TokenRole } from '@kaoping/contract';

/** Who reads evaluation data: everyone but integrators, each within their scope. */
export const READERS: readonly TokenRole[] = ['admin', 'leader', 'staff'];
export const ADMIN: readonly TokenRole[] = ['admin'];
/** Who pushes data in: host systems (integrator) and the evaluation department. */
export const WRITERS: readonly TokenRole[] = ['admin', 'integrator'];
export const ANY_ROLE: readonly TokenRole[] = ['admin', 'leader', 'staff', 'integrator'];
