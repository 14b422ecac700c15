// `npm pack`'s prepack: builds dist/ from the repository's widget/ and protocol/ sources.
//   dist/{widget,client,react,socket.io-parser}.js  ES modules (rollup.config.mjs), with source maps;
//   dist/types/                    their declarations, self-contained (self-contained-types.mjs);
//   dist/{widget,client,react}.d.ts  the entry points' types; widget.d.ts brings in jsx.d.ts;
//   custom-elements.json, vscode.html-custom-data.json  from the element's JSDoc (manifest.mjs).
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { makeSelfContained } from './self-contained-types.mjs';
import { writeManifests } from './manifest.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const root = here('../../../');
const dist = here('../dist/');
const bin = (name) => here(`../../../node_modules/.bin/${name}`);

rmSync(dist, { recursive: true, force: true });
execFileSync(bin('rollup'), ['-c', here('../rollup.config.mjs'), '--silent'], { stdio: 'inherit', cwd: root });

const config = ts.getParsedCommandLineOfConfigFile(
  here('../tsconfig.types.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
const program = ts.createProgram(config.fileNames, config.options);
const emitted = program.emit();
const problems = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
if (problems.length > 0)
  throw new Error(ts.formatDiagnostics(problems, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
makeSelfContained(`${dist}types`, root, program);

copyFileSync(here('../src/jsx.d.ts'), `${dist}jsx.d.ts`);
const entry = (name, from, extra = '') => writeFileSync(`${dist}${name}.d.ts`, `${extra}export * from './types/${from}.js';\n`);
entry('widget', 'widget/element-entry', "import './jsx.js';\n");
entry('client', 'widget/client/index');
entry('react', 'packages/widget/src/react', "import './jsx.js';\n");
entry('socket.io-parser', 'widget/client/json-parser');

writeManifests(here('../'));
