// Loads a policy bundle: YAML -> zod-checked spec -> CEL expressions parsed, type-checked
// against the input schema and planned, all once. Anything wrong is one PolicyError that
// lists every problem with its YAML path, so a broken bundle is refused before it can decide
// anything. The compiled bundle evaluates inputs with no further parsing. Expression types:
// cel-types.ts; how absent input values are filled: activation.ts; combining: evaluate.ts.

import { readFileSync } from 'node:fs';
import { celEnv, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import yaml from 'js-yaml';
import { canonicalJson, sha256Hex } from '../canonical.ts';
import { parseDuration } from '../duration.ts';
import type { ApprovalRequirement, BundleRef, Decision, Effect, PolicyInput } from '../types.ts';
import type { Program } from './activation.ts';
import { INPUT_TYPES, isDyn, isScalar, type PolicyType, recordType, typeName } from './cel-types.ts';
import { checkExpression, ExpressionTypeError } from './check.ts';
import { type CompiledRule, DEFAULT_APPROVAL, decide } from './evaluate.ts';
import {
  type ApprovalSpec,
  type BundleSpec,
  bundleSchema,
  describeIssues,
  requiredMessage,
} from './schema.ts';

export interface CompiledBundle {
  ref: BundleRef;
  mode: 'enforce' | 'shadow';
  /** Where the bundle came from (file path or a label), for messages and audit. */
  source: string;
  /** The bundle's YAML as loaded: what the MCP policy resource shows the agent. */
  text: string;
  rules: { name: string; effect: Effect; description?: string }[];
  evaluate(input: PolicyInput): Decision;
}

/** A bundle that does not load; `problems` are the individual findings, each with its YAML path. */
export class PolicyError extends Error {
  readonly source: string;
  readonly problems: string[];
  constructor(source: string, problems: string[]) {
    super(
      problems.length === 1
        ? `${source}: ${problems[0]}`
        : `${source}: ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'PolicyError';
    this.source = source;
    this.problems = problems;
  }
}

const env = celEnv({ funcs: strings });

export function loadBundleFile(path: string): CompiledBundle {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PolicyError(path, [`cannot read the bundle: ${(error as Error).message}`]);
  }
  return compileBundle(text, path);
}

export function compileBundle(yamlText: string, source: string): CompiledBundle {
  const spec = parseSpec(yamlText, source);
  const problems = [
    ...duplicateNames(spec.spec.variables, 'spec.variables', 'variable'),
    ...duplicateNames(spec.spec.rules, 'spec.rules', 'rule'),
  ];

  const variables = new Map<string, Program>();
  const variableTypes: Record<string, PolicyType> = {};
  const scope = () => ({ ...INPUT_TYPES, variables: recordType('variables', { ...variableTypes }) });
  spec.spec.variables.forEach((variable, i) => {
    const compiled = compileExpression(variable.expression, `spec.variables[${i}].expression`, scope());
    if (typeof compiled === 'string') {
      problems.push(compiled);
    } else {
      variables.set(variable.name, compiled.program);
      variableTypes[variable.name] = compiled.type;
    }
  });

  const rules: CompiledRule[] = [];
  spec.spec.rules.forEach((rule, i) => {
    const where = `spec.rules[${i}]`;
    const named = (field: string) => `${where}.${field} (rule ${rule.name})`;
    const match = compileExpression(rule.match, named('match'), scope(), 'bool');
    const message = rule.messageExpression
      ? compileExpression(rule.messageExpression, named('messageExpression'), scope(), 'string')
      : undefined;
    if (rule.approval && rule.effect !== 'escalate') {
      problems.push(`${named('approval')}: only escalate rules take an approval block`);
    }
    for (const compiled of [match, message]) if (typeof compiled === 'string') problems.push(compiled);
    if (typeof match === 'string' || typeof message === 'string') return;
    rules.push({
      name: rule.name,
      effect: rule.effect,
      match: match.program,
      ...(rule.description === undefined ? {} : { description: rule.description }),
      ...(rule.message === undefined ? {} : { message: rule.message }),
      ...(message ? { messageExpression: message.program } : {}),
      ...(rule.effect === 'escalate' ? { approval: approvalRequirement(rule.approval) } : {}),
    });
  });
  if (problems.length) throw new PolicyError(source, problems);

  const policy = {
    ref: { name: spec.metadata.name, version: spec.metadata.version, digest: sha256Hex(canonicalJson(spec)) },
    mode: spec.spec.mode,
    defaults: spec.spec.defaults,
    variables,
    rules,
  };
  return {
    ref: policy.ref,
    mode: policy.mode,
    source,
    text: yamlText,
    rules: rules.map(({ name, effect, description }) =>
      description === undefined ? { name, effect } : { name, effect, description },
    ),
    evaluate: (input) => decide(policy, input),
  };
}

function parseSpec(yamlText: string, source: string): BundleSpec {
  let raw: unknown;
  try {
    raw = yaml.load(yamlText, { filename: source, schema: yaml.CORE_SCHEMA });
  } catch (error) {
    throw new PolicyError(source, [`not valid YAML: ${(error as Error).message}`]);
  }
  const parsed = bundleSchema.safeParse(raw, { error: requiredMessage });
  if (!parsed.success) throw new PolicyError(source, describeIssues(parsed.error));
  return parsed.data;
}

function duplicateNames(items: readonly { name: string }[], path: string, what: string): string[] {
  const firstIndex = new Map<string, number>();
  const problems: string[] = [];
  items.forEach((item, i) => {
    const first = firstIndex.get(item.name);
    if (first === undefined) firstIndex.set(item.name, i);
    else
      problems.push(`${path}[${i}].name: duplicate ${what} name "${item.name}" (first at ${path}[${first}])`);
  });
  return problems;
}

/** A planned expression and its type, or the problem that stops it compiling. */
function compileExpression(
  text: string,
  where: string,
  scope: Record<string, PolicyType>,
  expected?: 'bool' | 'string',
): { program: Program; type: PolicyType } | string {
  const at = (problem: string) => `${where}: ${problem} in: ${text}`;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(text);
  } catch (error) {
    return at(`syntax error ${(error as Error).message.replace(/^<input>:(\d+):(\d+): /, 'at $1:$2: ')}`);
  }
  let type: PolicyType;
  try {
    type = checkExpression(env, parsed, scope);
  } catch (error) {
    if (!(error instanceof ExpressionTypeError)) throw error;
    return at(`${error.message} (column ${error.offset + 1})`);
  }
  if (expected && !isScalar(type, expected) && !isDyn(type))
    return at(`must be ${expected}, got ${typeName(type)}`);
  return { program: plan(env, parsed) as Program, type };
}

function approvalRequirement(spec: ApprovalSpec | undefined): ApprovalRequirement {
  const approvers = spec?.approvers ?? [...DEFAULT_APPROVAL.approvers];
  const channels = spec?.channels ?? [...DEFAULT_APPROVAL.channels];
  return {
    approvers,
    channels,
    inClientApprovers: channels.includes('elicitation') ? [...approvers] : [],
    ttlMs: spec?.ttl ? parseDuration(spec.ttl) : DEFAULT_APPROVAL.ttlMs,
    executionWindowMs: spec?.executionWindow
      ? parseDuration(spec.executionWindow)
      : DEFAULT_APPROVAL.executionWindowMs,
  };
}
