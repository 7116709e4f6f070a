#!/usr/bin/env node
// Thin on purpose: setting exitCode (not calling process.exit) lets piped stdout drain.
// dist/bundle/ is dist/main.js bundled for a fast start (scripts/bundle.mjs).
import { main } from '../dist/bundle/teamops.js';

process.exitCode = await main();
