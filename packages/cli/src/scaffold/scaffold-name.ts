import { kpError } from '@kaoping/contract';

/** Lowercase words joined by single dashes, starting with a letter: a valid npm name, adapter id and folder. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Throws a usage error that shows what a good name looks like. */
export function assertScaffoldName(name: string, usage: string): void {
  if (NAME.test(name)) return;
  throw kpError('KP_ERR_USAGE', `NAME "${name}" is not valid: use lowercase letters, digits and single dashes, starting with a letter (e.g. good-rating)\nusage: ${usage}`);
}
