#!/usr/bin/env node
// Thin on purpose: setting exitCode (not calling process.exit) lets piped stdout drain.
import { main } from '../dist/main.js';

process.exitCode = await main();
