// The JSON Schemas tools/list publishes, kept lean: every client sends the whole catalog to
// its model or keeps it in memory, and zod's faithful conversion spends many of its bytes on
// noise (±2^53 bounds on every integer, a 400-character date-time regex beside `format`,
// `minLength: 1` on every name: the gate refuses an empty one by name all the same). Input
// schemas stay exact apart from that noise: the model writes against them. Output schemas
// name each result's top-level fields, with their types and descriptions; below them a value
// is described by its type alone, and objects allow more keys than they name. The SDK client
// validates every structuredContent against them, so they stay true, only less detailed.

import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/** Levels of nested `properties` an output schema names: the result's top-level fields. */
const OUTPUT_LEVELS = 1;
const SAFE_INTEGER_BOUND = Number.MAX_SAFE_INTEGER;

/** The JSON Schema of a tool's arguments, as the model reads it. */
export function inputJsonSchema(input: z.ZodType): JsonSchema {
  return tidy(z.toJSONSchema(input, { io: 'input' }) as JsonSchema, Number.POSITIVE_INFINITY, false);
}

/** The complete JSON Schema of a result (for checks against it, e.g. untrusted paths). */
export function fullOutputJsonSchema(output: z.ZodType): JsonSchema {
  const { $schema: _, ...schema } = z.toJSONSchema(output, { io: 'output' }) as JsonSchema;
  return schema;
}

/** What tools/list publishes of a result's schema: its shape `OUTPUT_LEVELS` deep. */
export function outputJsonSchema(full: JsonSchema): JsonSchema {
  return tidy(full, OUTPUT_LEVELS, true);
}

/** The schema without its descriptions (for pieces whose meaning is told elsewhere, once). */
export function bare(schema: JsonSchema): JsonSchema {
  return JSON.parse(
    JSON.stringify(schema, (key, value) =>
      key === 'description' && typeof value === 'string' ? undefined : value,
    ),
  );
}

/** Keys that name an object's fields: kept only while `levels` remain. */
const FIELD_KEYS = new Set(['properties', 'required', 'propertyNames', 'additionalProperties']);

function tidy(node: JsonSchema, levels: number, output: boolean): JsonSchema {
  const kept: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (isNoise(key, value, node, output)) continue;
    if (FIELD_KEYS.has(key) && levels <= 0) continue;
    // Below the named levels a list says only that it is one: its items' fields go unnamed.
    if (key === 'items' && levels <= 0) continue;
    kept[key] = tidyValue(key, value, levels, output);
  }
  return kept;
}

/** What zod emits that tells a reader nothing the rest of the node does not. */
function isNoise(key: string, value: unknown, node: JsonSchema, output: boolean): boolean {
  switch (key) {
    case '$schema':
      return true;
    case 'minimum':
    case 'maximum':
      return Math.abs(value as number) === SAFE_INTEGER_BOUND;
    case 'pattern':
      return typeof node.format === 'string';
    case 'minLength':
      return value === 1 && !output;
    case 'type':
      return value === 'string' && (Array.isArray(node.enum) || 'const' in node);
    case 'propertyNames':
      return JSON.stringify(value) === '{"type":"string"}';
    case 'additionalProperties':
      return output && typeof value !== 'object';
    default:
      return false;
  }
}

function tidyValue(key: string, value: unknown, levels: number, output: boolean): unknown {
  if (key === 'properties') {
    return Object.fromEntries(
      Object.entries(value as Record<string, JsonSchema>).map(([name, schema]) => [
        name,
        tidy(schema, levels - 1, output),
      ]),
    );
  }
  if (key === 'items' || key === 'additionalProperties' || key === 'not') {
    return typeof value === 'object' && value !== null ? tidy(value as JsonSchema, levels, output) : value;
  }
  if (key === 'anyOf' || key === 'oneOf' || key === 'allOf' || key === 'prefixItems') {
    return (value as JsonSchema[]).map((alternative) => tidy(alternative, levels, output));
  }
  return value;
}
