import { describe, expect, it } from 'vitest';
import { resourceByKind } from '../../../../src/sandbox/kube/resources.ts';
import {
  formatLabelSelector,
  labelSelectorRequirements,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from '../../../../src/sandbox/kube/selectors.ts';
import type { KubeObject } from '../../../../src/sandbox/world.ts';

const labels = { app: 'checkout', tier: 'web', 'app.kubernetes.io/version': '1.42.0', weight: '7' };
const matches = (selector: string, on: Record<string, string> | undefined = labels) =>
  matchesLabels(parseLabelSelector(selector), on);

describe('label selectors', () => {
  it('matches equality, inequality and existence', () => {
    expect(matches('app=checkout')).toBe(true);
    expect(matches('app==checkout')).toBe(true);
    expect(matches('app = checkout , tier=web')).toBe(true);
    expect(matches('app=payments')).toBe(false);
    expect(matches('app!=payments')).toBe(true);
    expect(matches('missing!=x')).toBe(true);
    expect(matches('tier')).toBe(true);
    expect(matches('!tier')).toBe(false);
    expect(matches('!missing')).toBe(true);
    expect(matches('app.kubernetes.io/version=1.42.0')).toBe(true);
  });

  it('matches set-based requirements, with commas inside the parentheses', () => {
    expect(matches('app in (payments, checkout)')).toBe(true);
    expect(matches('app in (payments),tier')).toBe(false);
    expect(matches('app notin (payments,orders)')).toBe(true);
    expect(matches('missing notin (x)')).toBe(true);
    expect(matches('missing in (x)')).toBe(false);
    expect(matches('weight>5,weight<8')).toBe(true);
  });

  it('an empty selector matches everything, even unlabeled objects', () => {
    expect(matches('', undefined)).toBe(true);
  });

  it('rejects a malformed selector with a 400 that quotes it', () => {
    expect(() => parseLabelSelector('app=checkout,=x')).toThrow(/unable to parse requirement: "=x"/);
    expect(() => parseLabelSelector('app in (a b)')).toThrow(/invalid label value "a b"/);
  });

  it('turns a LabelSelector object into requirements and back into kubectl text', () => {
    const selector = {
      matchLabels: { app: 'checkout' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['web', 'api'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    };
    expect(matchesLabels(labelSelectorRequirements(selector), labels)).toBe(true);
    expect(formatLabelSelector(selector)).toBe('app=checkout,tier in (web,api),!canary');
  });
});

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'checkout-1', namespace: 'shop', uid: 'u1', creationTimestamp: '2026-04-25T14:00:00Z' },
  spec: { nodeName: 'node-a' },
  status: { phase: 'Running' },
};

const nodeEvent: KubeObject = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'node-a.1', namespace: 'default', uid: 'u2', creationTimestamp: '2026-04-25T14:00:00Z' },
  involvedObject: { kind: 'Node', name: 'node-a', uid: 'n1' },
  reason: 'NodeNotSchedulable',
  source: { component: 'kubelet' },
  type: 'Normal',
};

describe('field selectors', () => {
  const podType = resourceByKind('Pod');
  const eventType = resourceByKind('Event');

  it('selects pods by node, phase, name and namespace', () => {
    expect(matchesFields(parseFieldSelector('spec.nodeName=node-a', podType), pod)).toBe(true);
    expect(matchesFields(parseFieldSelector('status.phase!=Running', podType), pod)).toBe(false);
    expect(
      matchesFields(parseFieldSelector('metadata.name=checkout-1,metadata.namespace==shop', podType), pod),
    ).toBe(true);
    expect(matchesFields(parseFieldSelector('spec.hostNetwork=false', podType), pod)).toBe(true);
  });

  it("selects events by involvedObject, with an absent field reading as empty (kubectl describe node's query)", () => {
    const selector =
      'involvedObject.kind=Node,involvedObject.name=node-a,involvedObject.namespace=,involvedObject.uid=n1';
    expect(matchesFields(parseFieldSelector(selector, eventType), nodeEvent)).toBe(true);
    expect(
      matchesFields(parseFieldSelector('source=kubelet,reason=NodeNotSchedulable', eventType), nodeEvent),
    ).toBe(true);
    expect(matchesFields(parseFieldSelector('type=Warning', eventType), nodeEvent)).toBe(false);
  });

  it('refuses fields the resource cannot be selected by, naming the ones it can', () => {
    expect(() => parseFieldSelector('spec.nodeName=node-a', resourceByKind('Deployment'))).toThrow(
      /field label not supported: spec.nodeName \(deployments can be selected by metadata.name, metadata.namespace\)/,
    );
    expect(() => parseFieldSelector('nonsense', podType)).toThrow(/invalid field selector "nonsense"/);
  });
});
