import semver from 'semver';
import { CONTRACT_VERSION, kpError, type Manifest } from '@kaoping/contract';

/**
 * Compatibility is negotiated against the contract's version, never the kernel's, so a kernel
 * release never forces plugins to rebuild. Throws KP_ERR_API_INCOMPATIBLE.
 */
export function checkApi(manifest: Manifest, contractVersion: string = CONTRACT_VERSION): void {
  const range = semver.validRange(manifest.api);
  if (range === null || !semver.satisfies(contractVersion, range)) {
    throw kpError('KP_ERR_API_INCOMPATIBLE', manifest.id, manifest.api, contractVersion);
  }
}
