// Loading runbook files: the built-in library loads; every kind of mistake an author makes is
// reported with the file and the YAML path, all of them at once; parameter values are checked
// and normalised the way an execution receives them; templates render with their types; and
// a step resolved for one execution follows its duration parameters.

import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  parseRunbook,
  RunbookError,
  renderTemplate,
  resolveParams,
  resolveStep,
  type TemplateScope,
} from '../../../src/runbooks/load.ts';
import type { CheckStep, Runbook } from '../../../src/runbooks/types.ts';

const SOURCE = 'runbooks/restart-web.yaml';

/** A small valid runbook document; tests break one thing in a copy of it. */
function document() {
  return {
    apiVersion: 'opswarden.dev/v1',
    kind: 'Runbook',
    metadata: { name: 'restart-web', version: '1.0.0', title: 'Restart web and verify' },
    spec: {
      description: 'Restarts the web Deployment and verifies its error rate.',
      params: [
        { name: 'namespace', type: 'string', required: true, description: 'Namespace' },
        {
          name: 'deployment',
          type: 'ref',
          kind: 'Deployment',
          required: true,
          description: 'The Deployment',
        },
        { name: 'maxPercent', type: 'integer', default: 5, description: 'Error threshold in percent' },
        { name: 'window', type: 'duration', default: '5m', description: 'How long it must hold' },
        { name: 'mode', type: 'enum', values: ['fast', 'safe'], default: 'safe', description: 'Pace' },
      ] as Record<string, unknown>[],
      steps: [
        {
          id: 'restart',
          title: 'Restart the Deployment',
          action: {
            tool: 'k8s_rollout_restart',
            args: {
              namespace: '{{ params.namespace }}',
              name: '{{ params.deployment }}',
              reason: 'runbook {{ runbook.name }} {{ runbook.version }} ({{ execution.id }})',
            },
          },
        },
        {
          id: 'verify',
          title: 'The error rate stays low',
          check: {
            promql: 'sum(rate(http_requests_total{code="500"}[2m])) * 100 < {{ params.maxPercent }}',
            for: '{{ params.window }}',
          },
          onSuccess: 'resolved',
          onFailure: 'escalate',
        },
      ] as Record<string, unknown>[],
    },
  };
}

type Doc = ReturnType<typeof document>;

function parse(edit: (doc: Doc) => void = () => {}, source = SOURCE): Runbook {
  const doc = document();
  edit(doc);
  return parseRunbook(yaml.dump(doc), source);
}

/** The problems a broken document is refused with. */
function problems(edit: (doc: Doc) => void, source = SOURCE): string[] {
  try {
    parse(edit, source);
  } catch (error) {
    if (error instanceof RunbookError) return error.problems;
    throw error;
  }
  throw new Error('the document loaded');
}

const step = (doc: Doc, i: number) =>
  doc.spec.steps[i] as Record<string, unknown> & { action: { tool?: string; args: Record<string, unknown> } };

describe('loading runbooks', () => {
  it('applies the defaults of every step kind and computes durations from parameter defaults', () => {
    const runbook = parse((doc) => {
      doc.spec.steps.push(
        {
          id: 'ask',
          title: 'Ask first',
          approval: { message: 'Go on with {{ params.deployment }}?', approvers: ['sre-oncall'] },
        },
        { id: 'pause', title: 'Let it settle', wait: '90s' },
      );
      step(doc, 1).onSuccess = 'ask';
    });
    expect(runbook.steps).toEqual([
      expect.objectContaining({ kind: 'action', id: 'restart', next: 'verify', onFailure: 'failed' }),
      expect.objectContaining({
        kind: 'check',
        forMs: 300_000,
        intervalMs: 30_000,
        timeoutMs: 900_000,
        onSuccess: 'ask',
      }),
      expect.objectContaining({ kind: 'approval', ttlMs: 15 * 60_000, next: 'pause', onReject: 'escalate' }),
      { kind: 'wait', id: 'pause', title: 'Let it settle', durationMs: 90_000, next: 'resolved' },
    ]);
    expect(runbook.params.find((p) => p.name === 'maxPercent')?.default).toBe(5);
    expect(runbook.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the unknown parameter a template uses, with its YAML path and the likely one', () => {
    expect(
      problems((doc) => {
        step(doc, 0).action.args.name = '{{ params.deploymnt }}';
      }),
    ).toEqual([
      `${SOURCE}: spec.steps[0].action.args.name: unknown parameter "deploymnt" (did you mean "deployment"?)`,
    ]);
  });

  it('checks templates in object keys, check conditions and approval messages, and their roots', () => {
    expect(
      problems((doc) => {
        doc.spec.steps[0] = {
          id: 'restart',
          title: 'Patch',
          action: {
            tool: 'k8s_configmap_patch',
            args: {
              namespace: 'web',
              name: 'web-config',
              data: { '{{ params.key }}': '1' },
              reason: 'raise it',
            },
          },
        };
        (doc.spec.steps[1]!.check as Record<string, unknown>).promql = 'up{job="{{ runbook.owner }}"} == 1';
        doc.spec.steps.push({
          id: 'ask',
          title: 'Ask',
          approval: { message: '{{ execution.name }} {{ parms.x }}', approvers: ['sre'] },
        });
        step(doc, 1).onFailure = 'ask';
      }),
    ).toEqual([
      `${SOURCE}: spec.steps[0].action.args.data.{{ params.key }}: unknown parameter "key"`,
      `${SOURCE}: spec.steps[1].check.promql: unknown field "runbook.owner" (known: runbook.name, runbook.version)`,
      `${SOURCE}: spec.steps[2].approval.message: unknown field "execution.name" (known: execution.id)`,
      `${SOURCE}: spec.steps[2].approval.message: unknown template root "parms" (did you mean "params"?) (known: params.<name>, runbook.name, runbook.version or execution.id)`,
    ]);
  });

  it('refuses malformed and unclosed templates, a parameter that may have no value, and templated titles', () => {
    expect(
      problems((doc) => {
        doc.spec.params.push({ name: 'note', type: 'string', description: 'Optional note' });
        const args = step(doc, 0).action.args;
        args.reason = 'because {{ params.note }} and {{ params.deployment | upper }}';
        args.name = '{{ params.deployment ';
        step(doc, 1).title = 'Errors of {{ params.deployment }} stay low';
      }),
    ).toEqual([
      `${SOURCE}: spec.steps[0].action.args.name: "{{" without a closing "}}"`,
      `${SOURCE}: spec.steps[0].action.args.reason: parameter "note" is optional with no default: a template needs a value`,
      `${SOURCE}: spec.steps[0].action.args.reason: template "{{ params.deployment | upper }}" is not one of params.<name>, runbook.name, runbook.version or execution.id`,
      `${SOURCE}: spec.steps[1].title: titles are shown as written: templates are not rendered here`,
    ]);
  });

  it('refuses a transition to a step that does not exist, and one a step kind does not take', () => {
    expect(
      problems((doc) => {
        step(doc, 1).onSuccess = 'verfy';
        step(doc, 0).onSuccess = 'verify';
      }),
    ).toEqual([
      `${SOURCE}: spec.steps[0].onSuccess: an action step has no onSuccess (it takes next, onFailure)`,
      `${SOURCE}: spec.steps[1].onSuccess: "verfy" is neither a step id nor an end state (resolved, escalate, failed) (did you mean "verify"?)`,
    ]);
  });

  it('refuses a step no path from the first step reaches', () => {
    expect(
      problems((doc) => {
        step(doc, 0).next = 'resolved';
      }),
    ).toEqual([`${SOURCE}: spec.steps[1]: step "verify" cannot be reached from the first step "restart"`]);
  });

  it('refuses a tool opswarden does not have, a runbook tool, and arguments the tool does not take or needs', () => {
    expect(
      problems((doc) => {
        step(doc, 0).action = { tool: 'k8s_rollout_restrat', args: {} };
      }),
    ).toEqual([
      `${SOURCE}: spec.steps[0].action.tool: unknown tool "k8s_rollout_restrat" (did you mean "k8s_rollout_restart"?)`,
    ]);
    expect(
      problems((doc) => {
        step(doc, 0).action = { tool: 'runbook_run', args: { name: 'restart-web', reason: 'nested run' } };
      }),
    ).toEqual([
      `${SOURCE}: spec.steps[0].action.tool: runbook_run: a runbook step does not drive other runbooks`,
    ]);
    expect(
      problems((doc) => {
        const args = step(doc, 0).action.args;
        args.nmae = args.name;
        delete args.name;
        delete args.reason;
      }),
    ).toEqual([
      expect.stringMatching(
        /^runbooks\/restart-web\.yaml: spec\.steps\[0\]\.action\.args\.nmae: k8s_rollout_restart takes no argument "nmae" \(did you mean "name"\?\)/,
      ),
      `${SOURCE}: spec.steps[0].action.args: k8s_rollout_restart needs the argument "name"`,
      `${SOURCE}: spec.steps[0].action.args: k8s_rollout_restart needs the argument "reason"`,
    ]);
  });

  it('refuses duplicate step ids and step ids that are end states', () => {
    expect(
      problems((doc) => {
        step(doc, 1).id = 'restart';
        step(doc, 0).next = 'restart';
      }),
    ).toEqual([`${SOURCE}: spec.steps[1].id: duplicate step id "restart" (first at spec.steps[0])`]);
    expect(
      problems((doc) => {
        step(doc, 1).id = 'resolved';
      }),
    ).toEqual([`${SOURCE}: spec.steps[1].id: "resolved" is an end state, not a step id`]);
  });

  it('refuses a step with two kinds, a step with none, and a check with two conditions', () => {
    expect(
      problems((doc) => {
        step(doc, 0).wait = '1m';
        delete step(doc, 1).check;
        doc.spec.steps.push({
          id: 'both',
          title: 'Both conditions',
          check: { promql: 'up == 1', kubernetes: { podsReady: { namespace: 'web', selector: 'app=web' } } },
        });
      }),
    ).toEqual([
      `${SOURCE}: spec.steps[0]: a step has exactly one of action, check, approval, wait; found action and wait`,
      `${SOURCE}: spec.steps[1]: a step needs one of action, check, approval, wait`,
      `${SOURCE}: spec.steps[2].check: a check has exactly one of promql, kubernetes; found promql and kubernetes`,
    ]);
  });

  it('refuses malformed durations and duration templates that do not name a duration parameter with a default', () => {
    expect(
      problems((doc) => {
        const check = step(doc, 1).check as Record<string, unknown>;
        check.for = '5 minutes';
        check.interval = '{{ params.maxPercent }}';
        check.timeout = 'every {{ params.window }}';
        doc.spec.steps.push({ id: 'pause', title: 'Pause', wait: '0s' });
        step(doc, 1).onSuccess = 'pause';
      }),
    ).toEqual([
      `${SOURCE}: spec.steps[1].check.for: invalid duration "5 minutes": expected a number and unit, e.g. 30s, 15m, 1h, 7d`,
      `${SOURCE}: spec.steps[1].check.timeout: a templated duration must be exactly one "{{ params.<duration parameter> }}"`,
      `${SOURCE}: spec.steps[1].check.interval: "maxPercent" is not a duration parameter: a duration template names one`,
      `${SOURCE}: spec.steps[2].wait: must be longer than 0`,
    ]);
  });

  it('refuses a check whose timeout is shorter than how long it must hold', () => {
    expect(
      problems((doc) => {
        (step(doc, 1).check as Record<string, unknown>).timeout = '2m';
      }),
    ).toEqual([
      `${SOURCE}: spec.steps[1].check.timeout: the check must hold {{ params.window }} but times out after 2m`,
    ]);
  });

  it('refuses a version that is not semver, a name that does not match the file, and unknown keys', () => {
    expect(
      problems((doc) => {
        doc.metadata.version = '1.2';
        (doc.spec as Record<string, unknown>).owner = 'sre';
        step(doc, 0).retries = 3;
        (step(doc, 1).check as Record<string, unknown>).every = '1m';
      }),
    ).toEqual([
      `${SOURCE}: metadata.version: must be a semantic version like 1.2.0`,
      `${SOURCE}: spec.steps[0].retries: unknown key`,
      `${SOURCE}: spec.steps[1].check.every: unknown key`,
      `${SOURCE}: spec.owner: unknown key`,
    ]);
    expect(problems(() => {}, 'runbooks/restart-api.yaml')).toEqual([
      'runbooks/restart-api.yaml: metadata.name: "restart-web" must match the file name restart-api.yaml',
    ]);
  });

  it('refuses a check query that is not PromQL or not an instant vector', () => {
    const withQuery = (promql: string) =>
      problems((doc) => {
        (step(doc, 1).check as Record<string, unknown>).promql = promql;
      });
    expect(withQuery('sum(rate(http_requests_total[2m]) < 5')).toEqual([
      expect.stringMatching(
        /^runbooks\/restart-web\.yaml: spec\.steps\[1\]\.check\.promql: not valid PromQL/,
      ),
    ]);
    expect(withQuery('scalar(up) < bool {{ params.maxPercent }}')).toEqual([
      expect.stringContaining('spec.steps[1].check.promql: must be an instant vector'),
    ]);
  });

  it('refuses parameters whose type, values, kind or default do not fit', () => {
    expect(
      problems((doc) => {
        doc.spec.params.push(
          { name: 'size', type: 'enum', description: 'Size' },
          { name: 'node', type: 'ref', description: 'Node', values: ['a'] },
          { name: 'retries', type: 'integer', default: 'three', description: 'Retries' },
          { name: 'namespace', type: 'string', required: true, default: 'web', description: 'Again' },
        );
      }),
    ).toEqual([
      `${SOURCE}: spec.params[5].values: required for an enum parameter`,
      `${SOURCE}: spec.params[6].values: only enum parameters take values`,
      `${SOURCE}: spec.params[6].kind: required for a ref parameter (e.g. Deployment)`,
      `${SOURCE}: spec.params[7].default: expected a whole number such as 40, got "three"`,
      `${SOURCE}: spec.params[8].name: duplicate parameter "namespace" (first at spec.params[0])`,
      `${SOURCE}: spec.params[8].default: a required parameter has no default: drop one of the two`,
    ]);
  });

  it('reports every problem of a file in one error', () => {
    const error = (() => {
      try {
        parse((doc) => {
          step(doc, 0).action.args.name = '{{ params.deploymnt }}';
          step(doc, 1).onFailure = 'nowhere';
        });
      } catch (e) {
        return e as RunbookError;
      }
    })();
    expect(error).toBeInstanceOf(RunbookError);
    expect(error!.message).toBe(
      [
        'invalid runbook: 2 problems:',
        `  ${SOURCE}: spec.steps[0].action.args.name: unknown parameter "deploymnt" (did you mean "deployment"?)`,
        `  ${SOURCE}: spec.steps[1].onFailure: "nowhere" is neither a step id nor an end state (resolved, escalate, failed)`,
      ].join('\n'),
    );
  });
});

describe('resolveParams', () => {
  const runbook = parse();

  it('fills defaults, reads integers from digit strings, and splits a namespace/name ref into the namespace parameter', () => {
    expect(resolveParams(runbook, { deployment: 'web/frontend', maxPercent: '12', window: '90s' })).toEqual({
      namespace: 'web',
      deployment: 'frontend',
      maxPercent: 12,
      window: '90s',
      mode: 'safe',
    });
    expect(resolveParams(runbook, { namespace: 'web', deployment: 'frontend', maxPercent: 3 })).toMatchObject(
      {
        deployment: 'frontend',
        maxPercent: 3,
      },
    );
  });

  it('names every missing, unknown and ill-typed parameter in one error', () => {
    let error: RunbookError | undefined;
    try {
      resolveParams(runbook, { deploymnt: 'frontend', maxPercent: '1.5', window: 'soon', mode: 'fsat' });
    } catch (e) {
      error = e as RunbookError;
    }
    expect(error).toBeInstanceOf(RunbookError);
    expect(error!.problems).toEqual([
      'params.deploymnt: unknown parameter (did you mean "deployment"?) (known: namespace, deployment, maxPercent, window, mode)',
      'params.namespace: required: Namespace',
      'params.deployment: required: The Deployment',
      'params.maxPercent: expected a whole number such as 40, got "1.5"',
      'params.window: invalid duration "soon": expected a number and unit, e.g. 30s, 15m, 1h, 7d',
      'params.mode: expected one of fast, safe, got "fsat" (did you mean "fast"?)',
    ]);
    expect(error!.message).toMatch(/^invalid parameters for runbook restart-web: 6 problems:/);
  });

  it('refuses a ref whose namespace disagrees with the namespace parameter', () => {
    expect(() => resolveParams(runbook, { namespace: 'api', deployment: 'web/frontend' })).toThrow(
      'params.deployment: names namespace "web" but the namespace parameter is "api"',
    );
  });
});

describe('templates', () => {
  const scope: TemplateScope = {
    params: { namespace: 'web', size: 40, window: '5m' },
    runbook: { name: 'restart-web', version: '1.0.0' },
    execution: { id: 'ex-1' },
  };

  it('keep the type of a value a string holds exactly, and substitute text anywhere else', () => {
    expect(
      renderTemplate(
        {
          replicas: '{{ params.size }}',
          padded: ' {{ params.size }}',
          reason: '{{runbook.name}}@{{ runbook.version }} run {{ execution.id }}: scale to {{ params.size }}',
          data: { '{{ params.namespace }}-size': '{{ params.size }}' },
          list: ['{{ params.window }}', 3, true, null],
        },
        scope,
      ),
    ).toEqual({
      replicas: 40,
      padded: ' 40',
      reason: 'restart-web@1.0.0 run ex-1: scale to 40',
      data: { 'web-size': 40 },
      list: ['5m', 3, true, null],
    });
  });

  it('refuse to render a reference with no value', () => {
    expect(() => renderTemplate({ name: '{{ params.deployment }}' }, scope)).toThrow(RunbookError);
    expect(() => renderTemplate('{{ params.deployment }}', scope)).toThrow(
      '{{ params.deployment }}: has no value',
    );
  });
});

describe('resolveStep', () => {
  const runbook = parse();
  const scopeWith = (params: Record<string, unknown>): TemplateScope => ({
    params: resolveParams(runbook, params),
    runbook: { name: runbook.name, version: runbook.version },
    execution: { id: 'ex-7' },
  });

  it('renders action args and recomputes templated durations from the execution values', () => {
    const scope = scopeWith({ namespace: 'web', deployment: 'frontend', window: '10m', maxPercent: 2 });
    expect(resolveStep(runbook.steps[0]!, scope)).toMatchObject({
      args: { namespace: 'web', name: 'frontend', reason: 'runbook restart-web 1.0.0 (ex-7)' },
    });
    const verify = resolveStep(runbook.steps[1]!, scope) as CheckStep;
    expect(verify).toEqual({
      kind: 'check',
      id: 'verify',
      title: 'The error rate stays low',
      condition: { type: 'promql', query: 'sum(rate(http_requests_total{code="500"}[2m])) * 100 < 2' },
      forMs: 600_000,
      intervalMs: 30_000,
      timeoutMs: 1_200_000,
      onSuccess: 'resolved',
      onFailure: 'escalate',
    });
  });

  it('refuses values that make a check impossible', () => {
    const strict = parse((doc) => {
      (step(doc, 1).check as Record<string, unknown>).timeout = '10m';
    });
    const scope: TemplateScope = {
      params: resolveParams(strict, { namespace: 'web', deployment: 'frontend', window: '20m' }),
      runbook: { name: strict.name, version: strict.version },
      execution: { id: 'ex-8' },
    };
    expect(() => resolveStep(strict.steps[1]!, scope)).toThrow(
      'step verify: the check must hold 1200s but times out after 600s',
    );
  });
});
