// `{{ params.x }}`, `{{ runbook.name }}`, `{{ runbook.version }}` and `{{ execution.id }}` in
// runbook strings (values and object keys, at any depth). The loader checks every reference
// against the runbook's parameters, so a typo is a load error naming its YAML path, never a
// literal "{{ params.deploymnt }}" sent to a cluster. A string that is exactly one template
// keeps the value's type (an integer parameter renders as a number); anywhere else the value
// is substituted as text. Object keys always render as text.

import { didYouMean, type Problem, RunbookError } from './error.ts';
import type { ParamValue, RunbookParam } from './types.ts';

export interface TemplateScope {
  params: Record<string, ParamValue>;
  runbook: { name: string; version: string };
  execution: { id: string };
}

const TEMPLATE = /\{\{(.*?)\}\}/gs;
const WHOLE_TEMPLATE = /^\{\{((?:(?!\}\}).)*)\}\}$/s;
const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/;
const FIELDS: Record<string, readonly string[]> = {
  runbook: ['name', 'version'],
  execution: ['id'],
};
const ROOTS = ['params', ...Object.keys(FIELDS)];
const SHAPE = 'params.<name>, runbook.name, runbook.version or execution.id';

/** `{{ params.window }}` -> `window`: the parameter a string that is exactly one template names. */
export function wholeParamTemplate(text: string): string | undefined {
  const inner = WHOLE_TEMPLATE.exec(text)?.[1];
  const match = inner === undefined ? null : REFERENCE.exec(inner.trim());
  return match?.[1] === 'params' ? match[2] : undefined;
}

/**
 * Problems with the templates in `value` (strings and object keys at any depth): references
 * that name no parameter or field, malformed or unclosed templates, and parameters that may
 * have no value (optional, no default).
 */
export function templateProblems(
  value: unknown,
  path: readonly PropertyKey[],
  params: readonly RunbookParam[],
): Problem[] {
  const problems: Problem[] = [];
  walkStrings(value, path, (text, at) => {
    for (const message of stringProblems(text, params)) problems.push({ path: at, message });
  });
  return problems;
}

function stringProblems(text: string, params: readonly RunbookParam[]): string[] {
  const problems: string[] = [];
  for (const [whole, inner] of text.matchAll(TEMPLATE)) {
    const match = REFERENCE.exec(inner!.trim());
    if (!match) {
      problems.push(`template "${whole}" is not one of ${SHAPE}`);
      continue;
    }
    const [, root, field] = match as unknown as [string, string, string];
    if (root === 'params') {
      const param = params.find((p) => p.name === field);
      const names = params.map((p) => p.name);
      if (!param) problems.push(`unknown parameter "${field}"${didYouMean(field, names)}`);
      else if (!param.required && param.default === undefined)
        problems.push(`parameter "${field}" is optional with no default: a template needs a value`);
    } else if (!FIELDS[root]) {
      problems.push(`unknown template root "${root}"${didYouMean(root, ROOTS)} (known: ${SHAPE})`);
    } else if (!FIELDS[root].includes(field)) {
      problems.push(
        `unknown field "${root}.${field}" (known: ${FIELDS[root].map((f) => `${root}.${f}`).join(', ')})`,
      );
    }
  }
  if (text.replace(TEMPLATE, '').includes('{{')) problems.push('"{{" without a closing "}}"');
  return problems;
}

/** Renders every template in `value` (strings and object keys, at any depth). */
export function renderTemplate(value: unknown, scope: TemplateScope): unknown {
  const problems: string[] = [];
  const rendered = render(value, scope, problems);
  if (problems.length) throw new RunbookError([...new Set(problems)], 'cannot render the runbook');
  return rendered;
}

function render(value: unknown, scope: TemplateScope, problems: string[]): unknown {
  if (typeof value === 'string') return renderString(value, scope, problems);
  if (Array.isArray(value)) return value.map((item) => render(item, scope, problems));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        String(renderString(key, scope, problems, true)),
        render(child, scope, problems),
      ]),
    );
  }
  return value;
}

function renderString(text: string, scope: TemplateScope, problems: string[], asText = false): unknown {
  const whole = WHOLE_TEMPLATE.exec(text)?.[1];
  if (whole !== undefined && !asText) return lookup(whole, scope, problems);
  return text.replace(TEMPLATE, (_, inner: string) => String(lookup(inner, scope, problems)));
}

function lookup(inner: string, scope: TemplateScope, problems: string[]): ParamValue {
  const match = REFERENCE.exec(inner.trim());
  const value = match
    ? (scope as unknown as Record<string, Record<string, unknown>>)[match[1]!]?.[match[2]!]
    : undefined;
  if (typeof value === 'string' || typeof value === 'number') return value;
  problems.push(`{{${inner}}}: ${match ? 'has no value' : `is not one of ${SHAPE}`}`);
  return '';
}

/** Calls `visit` with every string value and object key under `value`, and its YAML path. */
function walkStrings(
  value: unknown,
  path: readonly PropertyKey[],
  visit: (text: string, path: readonly PropertyKey[]) => void,
): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      walkStrings(item, [...path, i], visit);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      visit(key, [...path, key]);
      walkStrings(child, [...path, key], visit);
    }
  }
}
