/**
 * The contract's own semver. Plugins declare the range they were written for (`api: '^1'`);
 * the kernel checks that range against this, never against its own version, so a kernel
 * release never forces a plugin rebuild.
 */
export const CONTRACT_VERSION = '1.0.0';
