// What the runbook file's shape cannot say, checked once it has the shape: parameters that
// fit their type, step ids and transitions that form a graph every step of which can be
// reached, tools that exist and are given arguments they take, templates that name declared
// parameters, and PromQL that parses. Each problem names its YAML path.

import { typeOf } from '../sandbox/promql/ast.ts';
import { parseExpr } from '../sandbox/promql/parse.ts';
import type { AnyTool } from '../tool.ts';
import { didYouMean, type Problem } from './error.ts';
import { transitionsOf } from './load-steps.ts';
import { paramValue } from './params.ts';
import type { ParamDocument, RunbookDocument, StepDocument } from './schema.ts';
import { renderTemplate, type TemplateScope, templateProblems } from './template.ts';
import { END_STATES, type ParamValue, type RunbookParam, type RunbookStep } from './types.ts';

/** The transitions each kind of step takes. */
const TRANSITIONS: Record<RunbookStep['kind'], readonly (keyof StepDocument)[]> = {
  action: ['next', 'onFailure'],
  check: ['onSuccess', 'onFailure'],
  approval: ['next', 'onReject'],
  wait: ['next'],
};
const ALL_TRANSITIONS = ['next', 'onSuccess', 'onFailure', 'onReject'] as const;
/** The runbooks area's own tools: a step starting or cancelling runbooks would nest executions and their locks. */
const RUNBOOK_TOOLS = 'runbook_';

/** The parameters as the runbook declares them (integer defaults as numbers), and what is wrong with them. */
export function paramsOf(docs: readonly ParamDocument[]): { params: RunbookParam[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = (i: number, field: string, message: string) =>
    problems.push({ path: ['spec', 'params', i, field], message });
  const first = new Map<string, number>();
  const params = docs.map((doc, i): RunbookParam => {
    const earlier = first.get(doc.name);
    if (earlier === undefined) first.set(doc.name, i);
    else at(i, 'name', `duplicate parameter "${doc.name}" (first at spec.params[${earlier}])`);
    if (doc.type === 'enum' && !doc.values) at(i, 'values', 'required for an enum parameter');
    if (doc.type !== 'enum' && doc.values) at(i, 'values', 'only enum parameters take values');
    if (doc.type === 'ref' && !doc.kind) at(i, 'kind', 'required for a ref parameter (e.g. Deployment)');
    if (doc.type !== 'ref' && doc.kind) at(i, 'kind', 'only ref parameters take a kind');
    const param: RunbookParam = {
      name: doc.name,
      type: doc.type,
      description: doc.description,
      required: doc.required,
      ...(doc.values ? { values: doc.values } : {}),
      ...(doc.kind ? { kind: doc.kind } : {}),
    };
    if (doc.default === undefined) return param;
    if (doc.required) at(i, 'default', 'a required parameter has no default: drop one of the two');
    const value = paramValue(param, doc.default);
    if ('problem' in value) at(i, 'default', value.problem);
    return { ...param, default: 'value' in value ? value.value : doc.default };
  });
  return { params, problems };
}

/** Everything wrong with the steps of a runbook whose document has the right shape. */
export function stepProblems(
  doc: RunbookDocument,
  steps: readonly RunbookStep[],
  params: readonly RunbookParam[],
  tools: readonly AnyTool[],
): Problem[] {
  const ids = steps.map((step) => step.id);
  const problems: Problem[] = [];
  const first = new Map<string, number>();
  doc.spec.steps.forEach((stepDoc, i) => {
    const at = (path: PropertyKey[], message: string) =>
      problems.push({ path: ['spec', 'steps', i, ...path], message });
    const step = steps[i]!;
    const earlier = first.get(step.id);
    if (earlier === undefined) first.set(step.id, i);
    else at(['id'], `duplicate step id "${step.id}" (first at spec.steps[${earlier}])`);
    if ((END_STATES as readonly string[]).includes(step.id))
      at(['id'], `"${step.id}" is an end state, not a step id`);
    if (step.title.includes('{{'))
      at(['title'], 'titles are shown as written: templates are not rendered here');
    for (const key of ALL_TRANSITIONS) {
      const target = stepDoc[key];
      if (target === undefined) continue;
      if (!TRANSITIONS[step.kind].includes(key))
        at(
          [key],
          `${article(step.kind)} ${step.kind} step has no ${key} (it takes ${TRANSITIONS[step.kind].join(', ')})`,
        );
      else if (!ids.includes(target) && !(END_STATES as readonly string[]).includes(target))
        at(
          [key],
          `"${target}" is neither a step id nor an end state (${END_STATES.join(', ')})${didYouMean(target, [...ids, ...END_STATES])}`,
        );
    }
    problems.push(
      ...contentProblems(doc, stepDoc, step, params, tools).map((p) => ({
        ...p,
        path: ['spec', 'steps', i, ...p.path],
      })),
    );
  });
  return [...problems, ...unreachable(steps)];
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** Tools, arguments, templates and PromQL of one step; paths relative to the step. */
function contentProblems(
  doc: RunbookDocument,
  stepDoc: StepDocument,
  step: RunbookStep,
  params: readonly RunbookParam[],
  tools: readonly AnyTool[],
): Problem[] {
  if (stepDoc.action) {
    return [
      ...toolProblems(stepDoc.action, tools),
      ...templateProblems(stepDoc.action.args, ['action', 'args'], params),
    ];
  }
  if (stepDoc.approval) return templateProblems(stepDoc.approval.message, ['approval', 'message'], params);
  if (!stepDoc.check) return [];
  const problems = [
    ...templateProblems(stepDoc.check.kubernetes, ['check', 'kubernetes'], params),
    ...templateProblems(stepDoc.check.promql, ['check', 'promql'], params),
  ];
  if (step.kind === 'check' && step.condition.type === 'promql' && !problems.length) {
    const message = promqlProblem(String(renderTemplate(step.condition.query, sampleScope(doc, params))));
    if (message) problems.push({ path: ['check', 'promql'], message });
  }
  return problems;
}

function toolProblems(action: NonNullable<StepDocument['action']>, tools: readonly AnyTool[]): Problem[] {
  const tool = tools.find((t) => t.name === action.tool);
  if (!tool) {
    const names = tools.map((t) => t.name);
    return [
      { path: ['action', 'tool'], message: `unknown tool "${action.tool}"${didYouMean(action.tool, names)}` },
    ];
  }
  if (tool.name.startsWith(RUNBOOK_TOOLS))
    return [
      { path: ['action', 'tool'], message: `${tool.name}: a runbook step does not drive other runbooks` },
    ];
  const shape = tool.input.shape as Record<string, { safeParse(value: unknown): { success: boolean } }>;
  const known = Object.keys(shape);
  const unknown = Object.keys(action.args)
    .filter((key) => !known.includes(key))
    .map((key) => ({
      path: ['action', 'args', key],
      message: `${tool.name} takes no argument "${key}"${didYouMean(key, known)} (it takes ${known.join(', ')})`,
    }));
  const missing = known
    .filter((key) => !(key in action.args) && !shape[key]!.safeParse(undefined).success)
    .map((key) => ({ path: ['action', 'args'], message: `${tool.name} needs the argument "${key}"` }));
  return [...unknown, ...missing];
}

/** A check query is evaluated like an alerting rule: it must parse and be an instant vector. */
function promqlProblem(query: string): string | undefined {
  try {
    const type = typeOf(parseExpr(query));
    if (type === 'vector') return undefined;
    return `must be an instant vector that is non-empty while the condition holds (e.g. ratio < 0.1), got a ${type}`;
  } catch (error) {
    return `not valid PromQL (${(error as Error).message}) in: ${query}`;
  }
}

/** Values to try a template with at load: the defaults, or a stand-in of the parameter's type. */
function sampleScope(doc: RunbookDocument, params: readonly RunbookParam[]): TemplateScope {
  const standIn: Record<RunbookParam['type'], (p: RunbookParam) => ParamValue> = {
    string: () => 'example',
    integer: () => 1,
    duration: () => '5m',
    enum: (p) => p.values?.[0] ?? 'example',
    ref: () => 'example',
  };
  return {
    params: Object.fromEntries(params.map((p) => [p.name, p.default ?? standIn[p.type](p)])),
    runbook: { name: doc.metadata.name, version: doc.metadata.version },
    execution: { id: 'example' },
  };
}

/** Steps no path from the first step reaches. */
function unreachable(steps: readonly RunbookStep[]): Problem[] {
  const reached = new Set<string>();
  const queue = steps.length ? [steps[0]!.id] : [];
  while (queue.length) {
    const id = queue.shift()!;
    if (reached.has(id)) continue;
    reached.add(id);
    const step = steps.find((s) => s.id === id);
    if (step) queue.push(...transitionsOf(step));
  }
  return steps.flatMap((step, i) =>
    reached.has(step.id)
      ? []
      : [
          {
            path: ['spec', 'steps', i],
            message: `step "${step.id}" cannot be reached from the first step "${steps[0]!.id}"`,
          },
        ],
  );
}
