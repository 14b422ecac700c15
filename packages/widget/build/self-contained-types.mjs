// Makes the emitted declarations (dist/types/) need nothing beyond the package and its
// dependencies. Two things stand in the way of tsc's own output:
// - relative imports keep their `.ts` extension; a published `.d.ts` names `.js`;
// - protocol/'s wire types are TypeBox schemas (`type Message = Static<typeof MessageSchema>`),
//   and TypeBox is the relay's dependency, not the browser's. Those types are written out
//   here as the plain types TypeScript computes for them, and the schema constants (values
//   the package's JavaScript does not contain) are left out.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const TYPEBOX = '@sinclair/typebox';
const EXPAND = ts.NodeBuilderFlags.NoTruncation | ts.NodeBuilderFlags.InTypeAlias | ts.NodeBuilderFlags.UseStructuralFallback;

/** @param {string} dir @returns {string[]} */
const declarationFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));

/** `'./x.ts'` → `'./x.js'` in import and export specifiers and `import("…")` types. */
const jsSpecifiers = (text) => text.replace(/(['"])(\.\.?\/[^'"]*)\.ts\1/g, '$1$2.js$1');

/**
 * @param {string} typesDir  where tsc wrote the declarations (rootDir = `root`)
 * @param {string} root      the repository, whose sources the declarations came from
 * @param {ts.Program} program  the program that emitted them
 */
export function makeSelfContained(typesDir, root, program) {
  const checker = program.getTypeChecker();
  const printer = ts.createPrinter({ removeComments: false });
  const files = declarationFiles(typesDir);
  /** Per declaration file with TypeBox in it: the names it no longer exports. */
  const droppedBy = new Map();
  const rewrite = (file) => {
    if (droppedBy.has(file)) return droppedBy.get(file);
    const dropped = new Set();
    droppedBy.set(file, dropped);
    const source = program.getSourceFile(join(root, relative(typesDir, file)).replace(/\.d\.ts$/, '.ts'));
    if (!source) throw new Error(`no source for ${file}`);
    // A module it imports from may have lost names (PatientThreadSchema): rewritten first.
    const importedDropped = (specifier) => {
      const target = join(dirname(file), specifier.replace(/\.[jt]s$/, '.d.ts'));
      return files.includes(target) && readFileSync(target, 'utf8').includes(TYPEBOX) ? rewrite(target) : (droppedBy.get(target) ?? new Set());
    };
    writeFileSync(file, withoutTypeBox(readFileSync(file, 'utf8'), file, source, checker, printer, dropped, importedDropped));
    return dropped;
  };
  for (const file of files) if (readFileSync(file, 'utf8').includes(TYPEBOX)) rewrite(file);
  for (const file of files) writeFileSync(file, jsSpecifiers(readFileSync(file, 'utf8')));
}

/**
 * The declarations of one protocol module with its TypeBox types written out. Schema
 * constants go, and so does a type that only describes schemas (`typeof VISITOR_REQUESTS`,
 * a generic helper over them): what is left is every plain type the wire carries.
 */
function withoutTypeBox(text, file, source, checker, printer, dropped, importedDropped) {
  const declarations = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const sourceAliases = new Map(source.statements.filter(ts.isTypeAliasDeclaration).map((node) => [node.name.text, node]));
  // `dropped` collects the names that are gone: TypeBox's own, the schema constants, types only about schemas.
  const mentionsDropped = (written) =>
    written.includes(TYPEBOX) || written.includes('node_modules') || [...dropped].some((name) => new RegExp(`\\b${name}\\b`).test(written));
  const out = [];
  for (const statement of declarations.statements) {
    const written = statement.getFullText();
    if (ts.isImportDeclaration(statement) && statement.moduleSpecifier.text === TYPEBOX) {
      statement.importClause?.namedBindings?.elements?.forEach((element) => dropped.add(element.name.text));
    } else if (ts.isImportDeclaration(statement) && statement.moduleSpecifier.text.startsWith('.') && statement.importClause?.namedBindings?.elements) {
      const gone = importedDropped(statement.moduleSpecifier.text);
      const elements = statement.importClause.namedBindings.elements;
      const names = elements.filter((element) => !gone.has((element.propertyName ?? element.name).text));
      elements.filter((element) => !names.includes(element)).forEach((element) => dropped.add(element.name.text));
      if (names.length > 0) {
        const typeOnly = statement.importClause.isTypeOnly ? 'type ' : '';
        out.push(`import ${typeOnly}{ ${names.map((element) => element.getText()).join(', ')} } from '${statement.moduleSpecifier.text}';`);
      }
    } else if (ts.isVariableStatement(statement) && mentionsDropped(written)) {
      for (const declaration of statement.declarationList.declarations) dropped.add(declaration.name.getText());
    } else if (ts.isTypeAliasDeclaration(statement) && (written.includes('Static<') || mentionsDropped(written))) {
      const plain = statement.typeParameters ? null : writtenOut(sourceAliases.get(statement.name.text), file, source, checker, printer);
      if (plain === null || mentionsDropped(plain)) dropped.add(statement.name.text);
      else out.push(`${hasExport(statement) ? 'export ' : ''}type ${statement.name.text} = ${plain};`);
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause) && !statement.moduleSpecifier) {
      const names = statement.exportClause.elements.map((element) => element.getText()).filter((name) => !dropped.has(name));
      if (names.length > 0) out.push(`export ${statement.isTypeOnly ? 'type ' : ''}{ ${names.join(', ')} };`);
    } else if (mentionsDropped(written)) {
      if (hasExport(statement)) throw new Error(`${file}: cannot write out ${written.trim().slice(0, 120)}`);
    } else {
      out.push(written.trim());
    }
  }
  return `${out.join('\n')}\n`;
}

const hasExport = (statement) => statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false;

/** The plain type TypeScript computes for a type alias of the source, or null when it cannot print one. */
function writtenOut(alias, file, source, checker, printer) {
  if (!alias) throw new Error(`${file}: no source for a type`);
  const node = checker.typeToTypeNode(checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(alias.name)), source, EXPAND);
  return node ? absoluteImportsToRelative(printer.printNode(ts.EmitHint.Unspecified, node, source), source.fileName) : null;
}

/** The checker names types of other modules by absolute path (`import("/…/stream-ids")`): relative, `.js`. */
function absoluteImportsToRelative(text, sourceFile) {
  return text.replace(/import\("(\/[^"]+)"\)/g, (_all, target) => {
    const path = relative(dirname(sourceFile), target);
    // Another package's module (TypeBox's) stays absolute, and the caller drops the type.
    if (path.includes('node_modules')) return `import("${target}")`;
    return `import("${path.startsWith('.') ? path : `./${path}`}.js")`;
  });
}
