// `node --import ./test/support/module-log/register.mjs …` records every module the process loads:
// ES modules through loader hooks, CommonJS ones (commander, yaml's CJS build…) through Module._load.
import { appendFileSync } from 'node:fs';
import process from 'node:process';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('./hooks.mjs', import.meta.url);

const file = process.env.TEAMOPS_MODULE_LOG;
const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (file) {
    try {
      appendFileSync(file, `${pathToFileURL(Module._resolveFilename(request, parent, isMain)).href}\n`);
    } catch {
      // A built-in or unresolvable name: Node reports the real problem itself.
    }
  }
  return originalLoad.apply(this, arguments);
};
