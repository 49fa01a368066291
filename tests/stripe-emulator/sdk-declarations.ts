// Checks a JSON value against the `stripe` package's own TypeScript declarations, read at run time with the TypeScript
// compiler API: the emulator's answers are held to the types of the SDK that is installed, so when the SDK (and the API
// version it pins) moves, whatever the emulator no longer matches shows up here.
import path from 'node:path';
import ts from 'typescript';

/** A finding: where in the value (`PaymentIntent.latest_charge.outcome.type`), and what is wrong. */
export type Mismatch = string;

/**
 * Fields the emulator sends that the SDK's declarations leave out, with why. Keyed `Type.field` by the declared
 * interface's name. Keep it short: each entry is a place where the emulator knowingly differs from the types.
 */
const UNDECLARED_ALLOWED: Readonly<Record<string, string>> = {};

/** The declared types, by the names used in `Stripe.<name>`, and a checker for values against them. */
export class StripeDeclarations {
  private readonly checker: ts.TypeChecker;
  private readonly types = new Map<string, ts.Type>();

  constructor(names: readonly string[]) {
    const root = path.resolve(__dirname, '../..');
    const entry = path.join(root, 'tests/stripe-emulator/__stripe-declarations__.ts');
    const source = `import type Stripe from 'stripe';\n${names.map((name) => `export type ${name.replace(/\./g, '_')} = Stripe.${name};`).join('\n')}\n`;
    const options: ts.CompilerOptions = {
      strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true, skipLibCheck: true, types: [], noEmit: true,
    };
    // The entry file exists only in memory; everything else (the SDK's .d.ts files) is read from node_modules.
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.getSourceFile = (file, language, ...rest) =>
      (path.resolve(file) === entry ? ts.createSourceFile(file, source, language) : getSourceFile.call(host, file, language, ...rest));
    host.fileExists = (file) => path.resolve(file) === entry || fileExists.call(host, file);
    host.readFile = (file) => (path.resolve(file) === entry ? source : readFile.call(host, file));
    const program = ts.createProgram([entry], options, host);
    this.checker = program.getTypeChecker();
    const file = program.getSourceFile(entry)!;
    const unresolved = ts.getPreEmitDiagnostics(program, file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    if (unresolved.length > 0) throw new Error(`The stripe package does not declare: ${unresolved.join('; ')}`);
    file.statements.filter(ts.isTypeAliasDeclaration).forEach((alias, index) => this.types.set(names[index], this.checker.getTypeAtLocation(alias.name)));
  }

  /** Everything in `value` that does not match the declared type `name` (e.g. `Refund`, `Event`). */
  check(name: string, value: unknown): Mismatch[] {
    const type = this.types.get(name);
    if (!type) throw new Error(`${name} was not loaded`);
    const mismatches: Mismatch[] = [];
    this.value(value, type, name, mismatches);
    return mismatches;
  }

  private value(value: unknown, type: ts.Type, at: string, out: Mismatch[]): void {
    const members = type.isUnion() ? type.types : [type];
    if (members.some((m) => m.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return;
    if (value === null) {
      if (!members.some((m) => m.flags & ts.TypeFlags.Null)) out.push(`${at}: null, which the type does not allow`);
      return;
    }
    if (typeof value === 'string') return this.string(value, members, at, out);
    if (typeof value === 'number') {
      const literals = members.filter((m) => m.isNumberLiteral()).map((m) => (m as ts.NumberLiteralType).value);
      if (!members.some((m) => m.flags & ts.TypeFlags.Number) && !literals.includes(value)) out.push(`${at}: the number ${value}, not ${this.describe(type)}`);
      return;
    }
    if (typeof value === 'boolean') {
      if (!members.some((m) => m.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral) && (m.flags & ts.TypeFlags.Boolean || this.checker.typeToString(m) === String(value)))) {
        out.push(`${at}: ${value}, not ${this.describe(type)}`);
      }
      return;
    }
    if (Array.isArray(value)) {
      const array = members.find((m) => this.checker.isArrayType(m));
      if (!array) return void out.push(`${at}: an array, not ${this.describe(type)}`);
      const [element] = this.checker.getTypeArguments(array as ts.TypeReference);
      value.forEach((item, index) => this.value(item, element, `${at}[${index}]`, out));
      return;
    }
    if (typeof value === 'object') return this.object(value as Record<string, unknown>, members, at, out);
    out.push(`${at}: a ${typeof value}, not ${this.describe(type)}`);
  }

  /**
   * A string must be one of the declared literals when the type lists some. The SDK joins most enums with
   * `OtherString` (`string & {}`) so integrations tolerate new values; the emulator may only send listed ones.
   */
  private string(value: string, members: readonly ts.Type[], at: string, out: Mismatch[]): void {
    const literals = members.filter((m) => m.isStringLiteral()).map((m) => (m as ts.StringLiteralType).value);
    const plain = members.some((m) => m.flags & ts.TypeFlags.String);
    const otherString = members.some((m) => m.isIntersection() && m.types.some((t) => t.flags & ts.TypeFlags.String));
    if (plain || literals.includes(value)) return;
    if (literals.length > 0) return void out.push(`${at}: "${value}", not one of ${literals.map((l) => `"${l}"`).join(', ')}`);
    if (!otherString) out.push(`${at}: a string, not ${members.map((m) => this.checker.typeToString(m)).join(' | ')}`);
  }

  private object(value: Record<string, unknown>, members: readonly ts.Type[], at: string, out: Mismatch[]): void {
    let candidates = members.filter((m) => m.flags & ts.TypeFlags.Object && !this.checker.isArrayType(m));
    if (candidates.length === 0) return void out.push(`${at}: an object, not ${members.map((m) => this.checker.typeToString(m)).join(' | ')}`);
    // Discriminate a union (`string | Charge`, the Event variants) by the literal `object`, then `type`.
    for (const key of ['object', 'type']) {
      if (candidates.length < 2 || typeof value[key] !== 'string') continue;
      const matching = candidates.filter((c) => {
        const property = c.getProperty(key);
        const literal = property && this.checker.getTypeOfSymbol(property);
        return literal?.isStringLiteral() && literal.value === value[key];
      });
      if (matching.length > 0) candidates = matching;
    }
    const attempts = candidates.map((candidate) => {
      const found: Mismatch[] = [];
      this.properties(value, candidate, at, found);
      return found;
    });
    if (!attempts.some((found) => found.length === 0)) out.push(...attempts.reduce((fewest, found) => (found.length < fewest.length ? found : fewest)));
  }

  /** Every required property present, every property declared (or allowed), each value of its declared type. */
  private properties(value: Record<string, unknown>, type: ts.Type, at: string, out: Mismatch[]): void {
    const declared = new Map(this.checker.getPropertiesOfType(type).map((p) => [p.name, p]));
    const index = this.checker.getIndexInfosOfType(type).find((info) => info.keyType.flags & ts.TypeFlags.String);
    const typeName = this.checker.typeToString(type).replace(/^Stripe\./, '');
    for (const [name, property] of declared) {
      if (!(name in value)) {
        if (!(property.flags & ts.SymbolFlags.Optional)) out.push(`${at}.${name}: missing, and ${typeName} requires it`);
        continue;
      }
      this.value(value[name], this.checker.getTypeOfSymbol(property), `${at}.${name}`, out);
    }
    for (const name of Object.keys(value)) {
      if (declared.has(name)) continue;
      if (index) this.value(value[name], index.type, `${at}.${name}`, out);
      else if (!UNDECLARED_ALLOWED[`${typeName}.${name}`]) out.push(`${at}.${name}: not declared by ${typeName}`);
    }
  }

  private describe(type: ts.Type): string {
    return this.checker.typeToString(type);
  }
}
