// The start-up bundle that bin/teamops.js runs: `npm run build` makes it from tsc's dist/ with rolldown
// (`node scripts/bundle.mjs`, after tsc).
//
// Node spends most of a `teamops --help` resolving, reading and compiling module files, one at a time:
// tsc's dist/ is sixty of them before commander has parsed a flag. Here everything `--help`, `--version`
// and usage errors need (dist/main.js's static imports, plus commander and chalk) is one file,
// dist/bundle/chunks/startup-*.js; each command body (`run-<verb>.js`) and what it alone needs stays a
// chunk of its own, loaded on first use as before. The other packages stay external: node_modules
// loads them as it would without the bundle.
//
// dist/bundle/modules.json maps each chunk to the modules in it, so that test/e2e/lazy-start.test.ts
// can still say which modules a run loaded.
import path from 'node:path';
import process from 'node:process';
import { build } from 'rolldown';

/** Bundled rather than external: what every start-up needs (chalk's `#…` imports are its own files). */
const INLINE = /^(commander|chalk|#ansi-styles|#supports-color|@teamops\/gitlab-sandbox\/features)(\/|$)/;
const root = process.cwd();

await build({
  input: { teamops: 'dist/main.js' },
  platform: 'node',
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0') && !INLINE.test(id),
  logLevel: 'warn',
  output: {
    dir: 'dist/bundle',
    format: 'esm',
    // Chunk names carry a hash: without this, earlier builds' chunks would pile up (and ship).
    cleanDir: true,
    chunkFileNames: 'chunks/[name]-[hash].js',
    // `$initial`: every module the entry imports statically, i.e. all of start-up, in one chunk.
    codeSplitting: { groups: [{ name: 'startup', tags: ['$initial'] }] },
  },
  plugins: [
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
