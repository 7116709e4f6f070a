// The start-up bundle that bin/teamops.cjs runs: `npm run build` makes it from tsc's dist/ with rolldown
// (`node scripts/bundle.mjs`, after tsc).
//
// Node spends most of a `teamops --help` resolving, reading and compiling module files, one at a time:
// tsc's dist/ is sixty of them before commander has parsed a flag. Here everything `--help`, `--version`
// and usage errors need (dist/main.js's static imports, plus commander and chalk) is one file,
// dist/bundle/chunks/startup-*.cjs; each noun's verbs (src/commands/index.ts) and each command body
// (`run-<verb>.js`), with what it alone needs, is a chunk of its own, loaded on first use. The other packages stay external: node_modules
// loads them as it would without the bundle.
//
// The bundle is CommonJS, not ES modules: on Node 20 an ES entry point starts the ES module loader
// and wraps every built-in it imports in a module facade (which reads all of node:fs's lazy
// exports, streams included), about 8 ms of a 100 ms `--help`.
//
// dist/bundle/modules.json maps each chunk to the modules in it, so that test/e2e/lazy-start.test.ts
// can still say which modules a run loaded.
import path from 'node:path';
import process from 'node:process';
import { build } from 'rolldown';

/** Always bundled: what every start-up needs (chalk's `#…` imports are its own files). */
const INLINE = /^(commander|chalk|#ansi-styles|#supports-color|@teamops\/gitlab-sandbox\/features)(\/|$)/;
const root = process.cwd();

const external = (id, importer) => {
  if (requiresChildProcessFromCommander(id, importer)) return false;
  return !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0') && !INLINE.test(id);
};

/**
 * The bundle `require()`s the packages it leaves external, ES-only ones (p-limit, ora, the sandbox…)
 * included: Node 20.19 loads those as their module namespace. rolldown's interop helper, `__toESM`,
 * reads a required value in Node's mode (ES code importing CommonJS: the default export is the whole
 * `module.exports`), which for a namespace makes `import pLimit from 'p-limit'` the namespace rather
 * than its default export. A namespace is not CommonJS, so the helper is taught to take its own
 * `default`, as an `import` would.
 */
const NODE_MODE_INTEROP = 'isNodeMode || !mod || !mod.__esModule';
const NAMESPACE_AWARE_INTEROP = '(isNodeMode && mod?.[Symbol.toStringTag] !== "Module") || !mod || !mod.__esModule';
const namespaceInterop = {
  name: 'namespace-interop',
  renderChunk(code, chunk) {
    if (!code.includes('var __toESM')) return null;
    if (!code.includes(NODE_MODE_INTEROP))
      throw new Error(
        `scripts/bundle.mjs: rolldown's __toESM in ${chunk.fileName} no longer reads "${NODE_MODE_INTEROP}"; update namespaceInterop`,
      );
    return code.replace(NODE_MODE_INTEROP, NAMESPACE_AWARE_INTEROP);
  },
};

/**
 * chalk works out the terminal's colour support when it loads (reading node:tty and node:os) for its
 * default instance, which teamops never uses: src/io/io.ts decides colour itself (NO_COLOR, FORCE_COLOR,
 * --no-color) and gives each Chalk its level.
 */
const NO_COLOUR_DETECTION = '\0no-colour-detection';

/**
 * commander requires node:child_process when it loads, for executable subcommands, which teamops has
 * none of: Node then loads child_process, dgram and their bindings, about 5 ms of every start.
 */
const LAZY_CHILD_PROCESS = '\0lazy-child-process';
const requiresChildProcessFromCommander = (id, importer) =>
  (id === 'node:child_process' || id === 'child_process') && /[\\/]node_modules[\\/]commander[\\/]/.test(importer ?? '');
const startUpShims = {
  name: 'start-up-shims',
  resolveId(id, importer) {
    if (id === '#supports-color') return NO_COLOUR_DETECTION;
    return requiresChildProcessFromCommander(id, importer) ? LAZY_CHILD_PROCESS : null;
  },
  load(id) {
    if (id === NO_COLOUR_DETECTION) return 'export default { stdout: false, stderr: false };';
    if (id === LAZY_CHILD_PROCESS) return "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };";
    return null;
  },
};

await build({
  input: { teamops: 'dist/main.js' },
  platform: 'node',
  external,
  logLevel: 'warn',
  output: {
    dir: 'dist/bundle',
    format: 'cjs',
    // ES modules are strict without saying so; as CommonJS, the code would run sloppy without the directive.
    strict: true,
    // Chunk names carry a hash: without this, earlier builds' chunks would pile up (and ship).
    cleanDir: true,
    entryFileNames: '[name].cjs',
    chunkFileNames: 'chunks/[name]-[hash].cjs',
    // `$initial`: every module the entry imports statically, i.e. all of start-up, in one chunk.
    codeSplitting: { groups: [{ name: 'startup', tags: ['$initial'] }] },
  },
  plugins: [
    startUpShims,
    namespaceInterop,
    {
      name: 'modules-manifest',
      generateBundle(_, bundle) {
        const chunks = {};
        for (const [file, chunk] of Object.entries(bundle)) {
          if (chunk.type === 'chunk')
            chunks[file] = chunk.moduleIds.filter((id) => path.isAbsolute(id)).map((id) => path.relative(root, id));
        }
        this.emitFile({ type: 'asset', fileName: 'modules.json', source: `${JSON.stringify(chunks, null, 2)}\n` });
      },
    },
  ],
});
