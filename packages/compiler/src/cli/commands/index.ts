import type { Command } from '../command-table.js';
import { buildCommand } from './build-command.js';
import { checkCommand } from './check-command.js';
import { ciCommand } from './ci-command.js';
import { diffCommand } from './diff-command.js';
import { explainCommand } from './explain-command.js';
import { fmtCommand } from './fmt-command.js';
import { initCommand } from './init-command.js';
import { matrixCommand } from './matrix-command.js';
import { previewCommand } from './preview-command.js';
import { testCommand } from './test-command.js';

/** Every `permset` command, in the order `permset --help` lists them. */
export const COMMANDS: readonly Command[] = [initCommand, checkCommand, buildCommand, matrixCommand, fmtCommand, explainCommand, previewCommand, testCommand, diffCommand, ciCommand];
