import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerDriRotate } from './rotate.js';
import { registerDriSchedule } from './schedule.js';
import { nounCommand } from '../nouns.js';

export function registerDri(program: Command, deps: Deps): void {
  const dri = nounCommand(program, 'dri');
  registerDriRotate(dri, deps);
  registerDriSchedule(dri, deps);
}
