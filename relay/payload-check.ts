/**
 * Checks inbound values against the protocol's schemas — socket events, handshakes and
 * the admin service alike — compiling each schema once. A mismatch becomes the coded
 * error a client sees: BAD_ID for a malformed id, BAD_REQUEST otherwise, with
 * `data.path` naming the field and `data.reason` saying what was wrong.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { ValueError } from '@sinclair/typebox/errors';
import { protocolError, type ErrorCode, type ProtocolError } from '../protocol/errors.ts';
import { ClientError } from './errors.ts';

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checker(schema: TSchema): TypeCheck<TSchema> {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  return check;
}

/** Compiles schemas up front, so the first event pays nothing. */
export function precompile(schemas: Iterable<TSchema>): void {
  for (const schema of schemas) checker(schema);
}

/**
 * What to tell the caller about one error. A union reports only "Expected union value":
 * for a choice of literals, list them; otherwise the first branch says what was wrong.
 */
function explain(error: ValueError): { path: string; reason: string } {
  const variants = (error.schema as { anyOf?: TSchema[] }).anyOf;
  if (variants?.length && variants.every((variant) => 'const' in variant)) {
    return { path: error.path, reason: `Expected one of ${variants.map((variant) => JSON.stringify(variant.const)).join(', ')}` };
  }
  const nested = error.errors[0]?.First();
  return nested ? explain(nested) : { path: error.path, reason: error.message };
}

const ID_PATH = /Id$|\/(after|before|upTo)$/;

/** The first problem of `value` as a protocol error, or null when it matches the schema. */
export function payloadError(schema: TSchema, value: unknown): ProtocolError | null {
  const check = checker(schema);
  if (check.Check(value)) return null;
  const first = check.Errors(value).First();
  if (!first) return protocolError('BAD_REQUEST', { path: '/', reason: 'invalid' });
  const { path, reason } = explain(first);
  const code: ErrorCode = ID_PATH.test(first.path) && typeof first.value === 'string' ? 'BAD_ID' : 'BAD_REQUEST';
  return protocolError(code, { path: path || '/', reason });
}

/** `value` typed by its schema, or a thrown ClientError naming the first problem. */
export function parsePayload<S extends TSchema>(schema: S, value: unknown): Static<S> {
  const problem = payloadError(schema, value);
  if (problem) throw new ClientError(problem.code, problem.data);
  return value as Static<S>;
}
