import type { Command } from '../command.js';
import { demoCommand } from './demo.js';
import { generateCommand } from './generate.js';
import { importCommand } from './import.js';

/** Every command of the CLI; a new command is one file under commands/ and one line here. */
export const commands: readonly Command[] = [demoCommand, importCommand, generateCommand];
