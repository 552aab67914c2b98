/** A module without a default export: what an unfinished plugin package looks like. */
export const notAPlugin = true;
