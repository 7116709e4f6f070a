// Loader hooks (module.register) that append the URL of every ES module Node loads to the file named
// by TEAMOPS_MODULE_LOG. They run on Node's loader thread, so they write synchronously.
import { appendFileSync } from 'node:fs';
import process from 'node:process';

export async function load(url, context, nextLoad) {
  const file = process.env.TEAMOPS_MODULE_LOG;
  if (file) appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}
