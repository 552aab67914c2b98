import type { Command } from '../command.js';
import { demoCommand } from './demo.js';
import { generateCommand } from './generate.js';
import { importCommand } from './import.js';
import { serveCommand } from './serve.js';
import { tokenCommand } from './token.js';
import { closeCommand } from './close.js';
import { exportCommand } from './export.js';
import { explainCommand } from './explain.js';
import { gateCommand } from './gate.js';
import { newCommand } from './new.js';
import { risksCommand } from './risks.js';
import { tasksCommand } from './tasks.js';
import { appealsCommand } from './appeals.js';
import { auditCommand } from './audit.js';
import { evaluateCommand } from './evaluate.js';

/** Every command of the CLI; a new command is one file under commands/ and one line here. */
export const commands: readonly Command[] = [demoCommand, importCommand, generateCommand, closeCommand, exportCommand, explainCommand, gateCommand, serveCommand, tokenCommand,
  risksCommand, tasksCommand, appealsCommand, auditCommand, newCommand, evaluateCommand];
