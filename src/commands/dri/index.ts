import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerDriRotate } from './rotate.js';
import { registerDriSchedule } from './schedule.js';

export function registerDri(program: Command, deps: Deps): void {
  const dri = program.command('dri').description('the weekly DRI hand-over: rotate the role, show the schedule');
  registerDriRotate(dri, deps);
  registerDriSchedule(dri, deps);
}
