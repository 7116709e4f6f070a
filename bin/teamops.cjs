#!/usr/bin/env node
// Thin on purpose: setting exitCode (not calling process.exit) lets piped stdout drain.
// dist/bundle/ is dist/main.js bundled for a fast start (scripts/bundle.mjs); CommonJS, like this
// file, because on Node 20 an ES entry point costs its loader and a facade per built-in.
'use strict';
const { main } = require('../dist/bundle/teamops.cjs');

main().then((code) => {
  process.exitCode = code;
});
