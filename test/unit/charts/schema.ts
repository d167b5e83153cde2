/**
 * A minimal JSON-Schema (draft-07) validator for exactly the keywords that
 * node_modules/vega-lite/build/vega-lite-schema.json uses ($ref, anyOf, type, enum, const,
 * properties, additionalProperties, required, items, min/maxItems, minimum/maximum,
 * min/maxLength, minProperties). `format` is ignored (as ajv does without ajv-formats).
 *
 * ajv is not in node_modules and the brief forbids installing it; this is a stand-in so the
 * specs are still checked against the real Vega-Lite v6 schema. It is tested against
 * deliberately invalid specs in schema.test.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Schema = boolean | { [k: string]: unknown };

const require = createRequire(import.meta.url);
const schemaPath = require.resolve('vega-lite/vega-lite-schema.json');
const ROOT = JSON.parse(readFileSync(schemaPath, 'utf8')) as { definitions: Record<string, Schema>; $ref: string };

function resolveRef(ref: string): Schema {
  const prefix = '#/definitions/';
  if (!ref.startsWith(prefix)) throw new Error(`Unsupported $ref ${ref}`);
  const name = decodeURIComponent(ref.slice(prefix.length)).replace(/~1/g, '/').replace(/~0/g, '~');
  const s = ROOT.definitions[name];
  if (s === undefined) throw new Error(`Unknown definition ${name}`);
  return s;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function matchesType(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  if (t === 'number') return actual === 'number' || actual === 'integer';
  return actual === t;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const KNOWN = new Set([
  '$ref', 'anyOf', 'type', 'enum', 'const', 'properties', 'additionalProperties', 'required', 'items',
  'minItems', 'maxItems', 'minimum', 'maximum', 'minLength', 'maxLength', 'minProperties', 'format',
  'description', '$schema', 'definitions',
]);

/** Returns a list of errors ("path: message"); empty = valid. */
export function validate(value: unknown, schema: Schema = { $ref: ROOT.$ref }, path = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`Unsupported schema keyword ${k}`);
  const errors: string[] = [];

  if (typeof schema.$ref === 'string') errors.push(...validate(value, resolveRef(schema.$ref), path));

  if (Array.isArray(schema.anyOf)) {
    const branchErrors = (schema.anyOf as Schema[]).map((s) => validate(value, s, path));
    if (!branchErrors.some((e) => e.length === 0)) {
      // report the closest branch (the one that got deepest into the value, then fewest errors)
      const depth = (errs: string[]) => Math.max(0, ...errs.map((e) => (e.split(':')[0].match(/[.[]/g) ?? []).length));
      const best = branchErrors.reduce((a, b) => (depth(b) > depth(a) || (depth(b) === depth(a) && b.length < a.length) ? b : a));
      errors.push(`${path}: matches no anyOf branch; closest: ${best.slice(0, 3).join(' | ')}`);
    }
  }

  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => matchesType(value, t))) {
      errors.push(`${path}: expected ${types.join('|')}, got ${typeOf(value)}`);
      return errors;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, value))) {
    errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  }
  if ('const' in schema && !deepEqual(schema.const, value)) {
    errors.push(`${path}: expected const ${JSON.stringify(schema.const)}`);
  }

  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: < minimum ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: > maximum ${schema.maximum}`);
    if (!Number.isFinite(value)) errors.push(`${path}: not a finite number`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items !== undefined) {
      if (Array.isArray(schema.items)) {
        (schema.items as Schema[]).forEach((s, i) => {
          if (i < value.length) errors.push(...validate(value[i], s, `${path}[${i}]`));
        });
      } else {
        value.forEach((v, i) => errors.push(...validate(v, schema.items as Schema, `${path}[${i}]`)));
      }
    }
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    if (Array.isArray(schema.required)) {
      for (const r of schema.required as string[]) if (!(r in obj)) errors.push(`${path}: missing required "${r}"`);
    }
    if (typeof schema.minProperties === 'number' && Object.keys(obj).length < schema.minProperties) {
      errors.push(`${path}: fewer than ${schema.minProperties} properties`);
    }
    for (const [k, v] of Object.entries(obj)) {
      if (k in props) errors.push(...validate(v, props[k], `${path}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unknown property "${k}"`);
      else if (schema.additionalProperties !== undefined && schema.additionalProperties !== true) {
        errors.push(...validate(v, schema.additionalProperties as Schema, `${path}.${k}`));
      }
    }
  }
  return errors;
}

/** Validates a top-level Vega-Lite spec after a JSON round trip (what the browser receives). */
export function validateVegaLite(spec: unknown): string[] {
  return validate(JSON.parse(JSON.stringify(spec)));
}
